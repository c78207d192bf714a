package ai.aragora.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentServiceObjects;

import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.event.DebateEvent;
import ai.aragora.api.event.EventType;
import ai.aragora.api.health.ComponentHealth;
import ai.aragora.api.knowledge.KnowledgeAdapter;
import ai.aragora.api.knowledge.KnowledgeNode;
import ai.aragora.api.knowledge.KnowledgeQuery;
import ai.aragora.api.knowledge.Learned;
import ai.aragora.api.knowledge.MoundHealth;
import ai.aragora.api.knowledge.NewNode;
import ai.aragora.api.knowledge.NodeKind;
import ai.aragora.api.knowledge.Provenance;
import ai.aragora.api.receipt.Receipt;
import ai.aragora.api.storage.DebateStore;
import ai.aragora.storage.jdbc.Fixtures;

class AdapterSyncTest {

    @TempDir
    Path temp;

    private SqliteMound km;
    private final TestConfig config = new TestConfig();

    /** Learns one node per debate: its final answer; can be told to fail on one debate once. */
    static final class AnswerAdapter implements KnowledgeAdapter {
        final List<String> seen = new ArrayList<>();
        final String name;
        String failOnce;

        AnswerAdapter() {
            this("answers");
        }

        AnswerAdapter(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Set<NodeKind> kinds() {
            return Set.of(NodeKind.CONSENSUS);
        }

        @Override
        public Learned forward(DebateResult result, Optional<Receipt> receipt) {
            if (result.id().equals(failOnce)) {
                failOnce = null;
                throw new IllegalStateException("cannot read " + result.id());
            }
            seen.add(result.id());
            return new Learned(List.of(new NewNode(result.spec().orgId(), null, NodeKind.CONSENSUS,
                    result.id() + ": " + result.finalAnswer(), result.confidence(), Map.of(),
                    Provenance.ofDebate(name(), result.id(), result.receiptId(), result.completedAt()))), List.of());
        }
    }

    @BeforeEach
    void open() {
        config.cacheBackgroundDelayMs = 200;
        km = new SqliteMound(temp.resolve("data"), config);
    }

    @AfterEach
    void close() {
        km.close();
    }

    private void finish(String id) {
        Instant at = Fixtures.T0;
        km.debates.create(Fixtures.debate(id, "acme", at)).toCompletableFuture().join();
        km.debates.complete(Fixtures.result(id, "acme", at)).toCompletableFuture().join();
        km.sync.onEvent(new DebateEvent(id, 9, EventType.DEBATE_END, at, 0, null, Map.of("status", "consensus_reached",
                "verdict", "approved")));
    }

    private List<String> nodes() {
        return km.store.list("acme", null, null, 0, 100).items().stream().map(KnowledgeNode::content).sorted().toList();
    }

    @Test
    void everyDecidedDebateIsLearnedOnceInTheOrderDebatesFinished() {
        AnswerAdapter adapter = new AnswerAdapter();
        km.sync.addAdapter(adapter);

        finish("d1");
        finish("d2");
        km.sync.onEvent(new DebateEvent("d3", 5, EventType.DEBATE_END, Fixtures.T0, 0, null, Map.of("status", "cancelled")));
        km.sync.requestPass();

        assertThat(adapter.seen).containsExactly("d1", "d2");
        assertThat(nodes()).containsExactly("d1: Ship with a 30 s cap.", "d2: Ship with a 30 s cap.");
        assertThat(km.metrics.syncs.labels("answers", "success").get()).isEqualTo(2);
    }

    @Test
    void eachDebateIsReadOnceForEveryAdapterAndOneThatFailsLeavesTheOthersGoing() {
        AtomicInteger reads = new AtomicInteger();
        DebateStore counting = (DebateStore) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DebateStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("result")) {
                        reads.incrementAndGet();
                    }
                    try {
                        return method.invoke(km.debates, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        km.sync.unbindDebates(km.debates);
        AnswerAdapter answers = new AnswerAdapter();
        answers.failOnce = "d2";
        AnswerAdapter echo = new AnswerAdapter("echo");
        km.sync.addAdapter(answers);
        km.sync.addAdapter(echo);
        finish("d1");
        finish("d2");
        finish("d3");

        km.sync.bindDebates(counting);

        assertThat(echo.seen).containsExactly("d1", "d2", "d3");
        assertThat(answers.seen).as("stopped at the debate it failed").containsExactly("d1");
        assertThat(reads).as("one read per debate, whatever the number of adapters").hasValue(3);
        assertThat(km.sync.health().get("adapter:answers").status()).isEqualTo(ComponentHealth.Status.DEGRADED);
        assertThat(km.sync.health().get("adapter:echo").detail()).isEqualTo("synced up to debate #3");

        km.sync.requestPass();

        assertThat(answers.seen).containsExactly("d1", "d2", "d3");
        assertThat(echo.seen).as("not given anything twice").containsExactly("d1", "d2", "d3");
        assertThat(reads).as("d2 and d3 read again for the one behind").hasValue(5);
        assertThat(km.sync.health().get("adapter:answers").detail()).isEqualTo("synced up to debate #3");
    }

    @Test
    void whatAnAdapterLearnsDropsTheCachedSearchesOfItsWorkspaceWithinTheDelay() throws InterruptedException {
        km.sync.addAdapter(new AnswerAdapter());
        KnowledgeQuery q = KnowledgeQuery.of("acme", "default", "ship cap", 10);
        assertThat(km.mound.search(q).hits()).isEmpty();

        long finished = System.nanoTime();
        finish("d1");

        List<String> found = List.of();
        while (found.isEmpty() && System.nanoTime() - finished < 10_000_000_000L) {
            found = km.mound.search(q).hits().stream().map(h -> h.node().content()).toList();
            Thread.sleep(10);
        }
        assertThat(found).containsExactly("d1: Ship with a 30 s cap.");
        assertThat(System.nanoTime() - finished).as("not before the delay").isGreaterThanOrEqualTo(200_000_000L);
        assertThat(km.metrics.cacheHits.get()).as("the cached answer served meanwhile").isPositive();
    }

    @Test
    void aNewerAdapterOfTheSameNameResumesWhereTheOldOneStopped() {
        AnswerAdapter old = new AnswerAdapter();
        km.sync.addAdapter(old);
        finish("d1");
        km.sync.removeAdapter(old);
        finish("d2");

        MoundHealth.Component gone = km.sync.health().get("adapter:answers");
        assertThat(gone.active()).isFalse();
        assertThat(gone.detail()).contains("not installed");
        assertThat(nodes()).containsExactly("d1: Ship with a 30 s cap.");

        AnswerAdapter upgraded = new AnswerAdapter();
        km.sync.addAdapter(upgraded);

        assertThat(old.seen).containsExactly("d1");
        assertThat(upgraded.seen).containsExactly("d2");
        assertThat(nodes()).hasSize(2);
        assertThat(km.sync.health().get("adapter:answers").active()).isTrue();
    }

    @Test
    void anAdapterThatFailsStopsAtThatDebateAndTriesItAgainNextPass() {
        AnswerAdapter adapter = new AnswerAdapter();
        adapter.failOnce = "d1";
        km.sync.addAdapter(adapter);

        finish("d1");
        finish("d2");
        // d2's pass retried d1 (it failed once only) and went on.
        assertThat(adapter.seen).containsExactly("d1", "d2");

        adapter.failOnce = "d3";
        finish("d3");
        MoundHealth.Component failed = km.sync.health().get("adapter:answers");
        assertThat(failed.status()).isEqualTo(ComponentHealth.Status.DEGRADED);
        assertThat(failed.detail()).contains("cannot read d3");
        assertThat(km.store.cursor("answers")).isEqualTo(2);

        km.sync.requestPass();
        assertThat(adapter.seen).containsExactly("d1", "d2", "d3");
        assertThat(km.sync.health().get("adapter:answers").status()).isEqualTo(ComponentHealth.Status.HEALTHY);
        assertThat(km.metrics.syncs.labels("answers", "error").get()).isEqualTo(2);
    }

    @Test
    void aDeletedDebateIsPassedOverAndWithoutADebateStoreNothingIsRead() {
        AnswerAdapter adapter = new AnswerAdapter();
        km.sync.unbindDebates(km.debates);
        km.sync.addAdapter(adapter);
        finish("d1");
        finish("d2");
        assertThat(adapter.seen).isEmpty();
        assertThat(km.sync.health().get("sync").status()).isEqualTo(ComponentHealth.Status.DEGRADED);

        km.debates.delete("d1");
        km.sync.bindDebates(km.debates);

        assertThat(adapter.seen).containsExactly("d2");
        assertThat(km.store.cursor("answers")).isEqualTo(2);
    }

    /** An adapter's service as DS hands it over: {@code activation} runs when it is first obtained. */
    static final class Objects implements ComponentServiceObjects<KnowledgeAdapter> {
        @SuppressWarnings("unchecked")
        final ServiceReference<KnowledgeAdapter> reference = (ServiceReference<KnowledgeAdapter>) Proxy.newProxyInstance(
                AdapterSyncTest.class.getClassLoader(), new Class<?>[] {ServiceReference.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        final Supplier<KnowledgeAdapter> activation;
        final List<KnowledgeAdapter> givenBack = new CopyOnWriteArrayList<>();

        Objects(Supplier<KnowledgeAdapter> activation) {
            this.activation = activation;
        }

        @Override
        public KnowledgeAdapter getService() {
            return activation.get();
        }

        @Override
        public void ungetService(KnowledgeAdapter service) {
            givenBack.add(service);
        }

        @Override
        public ServiceReference<KnowledgeAdapter> getServiceReference() {
            return reference;
        }
    }

    /** Whether {@code latch} opened within {@code seconds}; an interrupt counts as not. */
    private static boolean waited(CountDownLatch latch, int seconds) {
        try {
            return latch.await(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void awaitTrue(Supplier<Boolean> condition) throws InterruptedException {
        for (long start = System.nanoTime(); !condition.get() && System.nanoTime() - start < 10_000_000_000L;) {
            Thread.sleep(5);
        }
    }

    /**
     * DS activates an adapter that needs the mound only once the mound's activating thread lets go
     * of it, and that thread is binding the next adapter meanwhile: binding must not wait for an
     * adapter being obtained. Here the first activation gives up (as DS does after its lock
     * timeout) unless the second adapter is bound while it waits.
     */
    @Test
    void bindingAnAdapterNeverWaitsForAnotherBeingObtained() throws InterruptedException {
        AdapterSync sync = new AdapterSync(km.store, km.metrics, config);
        try {
            CountDownLatch secondBound = new CountDownLatch(1);
            CountDownLatch firstActivating = new CountDownLatch(1);
            Objects first = new Objects(() -> {
                firstActivating.countDown();
                return waited(secondBound, 5) ? new AnswerAdapter("first") : null;
            });
            sync.bindAdapter(first);
            assertThat(firstActivating.await(10, TimeUnit.SECONDS)).isTrue();

            sync.bindAdapter(new Objects(() -> new AnswerAdapter("second")));
            secondBound.countDown();

            awaitTrue(() -> sync.runningNames().size() == 2);
            assertThat(sync.runningNames()).containsExactlyInAnyOrder("first", "second");
        } finally {
            sync.deactivate();
        }
    }

    @Test
    void anAdapterUnboundWhileItIsObtainedIsGivenBackAndNeverRuns() throws InterruptedException {
        AdapterSync sync = new AdapterSync(km.store, km.metrics, config);
        try {
            CountDownLatch unbound = new CountDownLatch(1);
            CountDownLatch activating = new CountDownLatch(1);
            AnswerAdapter adapter = new AnswerAdapter("late");
            Objects objects = new Objects(() -> {
                activating.countDown();
                waited(unbound, 10);
                return adapter;
            });
            sync.bindAdapter(objects);
            assertThat(activating.await(10, TimeUnit.SECONDS)).isTrue();
            sync.unbindAdapter(objects);
            unbound.countDown();

            awaitTrue(() -> !objects.givenBack.isEmpty());
            assertThat(objects.givenBack).containsExactly(adapter);
            sync.bindAdapter(new Objects(() -> new AnswerAdapter("other")));
            awaitTrue(() -> sync.runningNames().contains("other"));
            assertThat(sync.runningNames()).containsExactly("other");
        } finally {
            sync.deactivate();
        }
    }
}
