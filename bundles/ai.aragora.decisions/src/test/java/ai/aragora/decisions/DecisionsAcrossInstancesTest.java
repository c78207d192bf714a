package ai.aragora.decisions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.aragora.api.cluster.MemoryBroker;
import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.debate.DebateSpec;
import ai.aragora.api.decision.DecisionRequest;
import ai.aragora.api.decision.DecisionType;
import ai.aragora.api.decision.Priority;
import ai.aragora.api.storage.DecisionResult;
import ai.aragora.api.storage.Job;
import ai.aragora.api.storage.JobQueue;
import ai.aragora.api.storage.JobStatus;

/** Routers of several instances sharing one decision store, one job queue and the debates' results. */
class DecisionsAcrossInstancesTest {

    private final Fakes.Decisions store = new Fakes.Decisions();
    @TempDir
    Path dir;
    private SharedStores.Jobs jobs;
    private final SharedStores.Debates debates = new SharedStores.Debates();
    private final List<Router> routers = new ArrayList<>();

    @BeforeEach
    void queue() {
        jobs = new SharedStores.Jobs(dir);
    }

    @AfterEach
    void stop() {
        routers.forEach(Router::deactivate);
        jobs.close();
    }

    private Router instance(Fakes.Engine engine, int slots, int leaseMillis) {
        Router r = new Router(Fakes.config(slots, leaseMillis));
        r.services.engine = engine;
        r.services.debates = debates.store();
        r.services.jobs = jobs.queue;
        for (String agent : List.of("demo-supportive", "demo-critical", "demo-balanced")) {
            r.addAgent(Fakes.agent(agent, "1.0.0"));
        }
        r.bindStore(store);
        routers.add(r);
        return r;
    }

    private static DecisionRequest ask(String input) {
        return new DecisionRequest(input, DecisionType.DEBATE, Priority.NORMAL, null, List.of(), 0, null, 0, null, "org-1", null,
                false, "u-1");
    }

    private String status(String id) {
        return store.find(id).orElseThrow().status();
    }

    private static void await(String what, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    /** The result an instance that finished the debate stored. */
    private void endsElsewhere(String debateId, DebateSpec spec, String answer) {
        Fakes.Handle elsewhere = new Fakes.Handle(debateId, spec);
        elsewhere.decide(answer, "rcpt-elsewhere");
        DebateResult result = elsewhere.result.join();
        debates.results.put(debateId, result);
    }

    @Test
    void anInstanceStartingLeavesTheDecisionsAnotherOneRunsAlone() throws Exception {
        Fakes.Engine engineA = new Fakes.Engine();
        Router a = instance(engineA, 4, 15_000);
        DecisionResult asked = a.submit(ask("Shard the queue?"));
        await("held by A", () -> jobs.find(Custody.jobId(asked.id())).isPresent());

        Fakes.Engine engineB = new Fakes.Engine();
        instance(engineB, 4, 300);
        // B sweeps for decisions without an owner several times over its short lease
        Thread.sleep(1000);
        assertThat(status(asked.id())).isEqualTo("processing");
        assertThat(engineB.started).isEmpty();

        engineA.last().decide("Yes", "rcpt-1");
        await("completed on A", () -> status(asked.id()).equals("completed"));
        await("its job done", () -> jobs.status(asked.id()) == JobStatus.SUCCEEDED);
    }

    @Test
    void aDecisionWhoseDebateIsHandedOverEndsWhereItsDebateEnds() throws Exception {
        Fakes.Engine engineA = new Fakes.Engine();
        Router a = instance(engineA, 4, 15_000);
        DecisionResult asked = a.submit(ask("Shard the queue?"));
        await("held by A", () -> jobs.find(Custody.jobId(asked.id())).isPresent());
        Fakes.Handle debate = engineA.last();
        assertThat(Progress.of(store.find(asked.id()).orElseThrow()).debateId()).isEqualTo(debate.id);

        debates.known.add(debate.id);
        debate.handOver();
        assertThat(status(asked.id())).as("not failed by the handover").isEqualTo("processing");
        await("given back, due at once", () -> jobs.status(asked.id()) == JobStatus.PENDING);

        Fakes.Engine engineB = new Fakes.Engine();
        instance(engineB, 4, 300);
        await("taken over by B", () -> jobs.status(asked.id()) == JobStatus.RUNNING);
        assertThat(status(asked.id())).isEqualTo("processing");
        endsElsewhere(debate.id, debate.spec, "Yes, by tenant");

        await("completed from the debate's stored end", () -> status(asked.id()).equals("completed"));
        DecisionResult done = store.find(asked.id()).orElseThrow();
        assertThat(done.result()).contains("Yes, by tenant");
        assertThat(done.receiptId()).isEqualTo("rcpt-elsewhere");
        assertThat(done.error()).isNull();
        assertThat(engineB.started).as("the debate is followed, not run again").isEmpty();
        await("its job done", () -> jobs.status(asked.id()) == JobStatus.SUCCEEDED);
    }

    /**
     * A claim under way when the engine hands a debate over must not take back what is given
     * back: here the claim is held at the queue until the hand-back had its chance to land first.
     * After it, nothing is claimed for a lease (3 s here; a claim every second).
     */
    @Test
    void anInstanceWhoseEngineHandsADebateOverClaimsNothingForALease() throws Exception {
        CountDownLatch inClaim = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        AtomicBoolean gate = new AtomicBoolean();
        JobQueue real = jobs.queue;
        JobQueue gated = (JobQueue) Proxy.newProxyInstance(JobQueue.class.getClassLoader(), new Class<?>[] {JobQueue.class},
                (self, method, args) -> {
                    if (method.getName().equals("claim") && gate.getAndSet(false)) {
                        inClaim.countDown();
                        proceed.await(10, TimeUnit.SECONDS);
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        Fakes.Engine engineA = new Fakes.Engine();
        Router a = instance(engineA, 4, 3_000);
        a.services.jobs = gated;
        DecisionResult asked = a.submit(ask("Shard the queue?"));
        await("held by A", () -> jobs.find(Custody.jobId(asked.id())).isPresent());
        Fakes.Handle debate = engineA.last();
        debates.known.add(debate.id);

        gate.set(true);
        assertThat(inClaim.await(10, TimeUnit.SECONDS)).as("A claims again").isTrue();
        Thread handingOver = new Thread(debate::handOver);
        handingOver.start();
        for (long until = System.nanoTime() + 500_000_000L; System.nanoTime() < until && jobs.status(asked.id()) != JobStatus.PENDING;) {
            Thread.sleep(10);
        }
        proceed.countDown();
        handingOver.join(10_000);

        await("given back", () -> jobs.status(asked.id()) == JobStatus.PENDING);
        Thread.sleep(1_500);
        assertThat(jobs.status(asked.id())).as("still due for another instance").isEqualTo(JobStatus.PENDING);
    }

    @Test
    void theDecisionsOfAnInstanceWhoseLeasesRanOutAreTakenOverRunningOrWaiting() throws Exception {
        Fakes.Engine engineA = new Fakes.Engine();
        Router a = instance(engineA, 1, 15_000);
        DecisionResult running = a.submit(ask("Shard the queue?"));
        DecisionResult waiting = a.submit(ask("Split the monolith?"));
        await("both held by A", () -> jobs.find(Custody.jobId(waiting.id())).isPresent()
                && jobs.find(Custody.jobId(running.id())).isPresent());
        assertThat(status(waiting.id())).isEqualTo("pending");
        Fakes.Handle debate = engineA.last();
        debates.known.add(debate.id);

        jobs.expireAll();
        Fakes.Engine engineB = new Fakes.Engine();
        instance(engineB, 4, 300);

        await("the waiting one runs again on B", () -> engineB.started.size() == 1);
        assertThat(engineB.last().spec.task()).isEqualTo("Split the monolith?");
        engineB.last().decide("Not yet", null);
        endsElsewhere(debate.id, debate.spec, "Yes");
        await("both completed", () -> status(running.id()).equals("completed") && status(waiting.id()).equals("completed"));
        assertThat(store.find(waiting.id()).orElseThrow().result()).contains("Not yet");
    }

    @Test
    void aRouterStoppedWithAQueueGivesItsDecisionsBackAndTheNextOneFollowsThem() throws Exception {
        Fakes.Engine engine = new Fakes.Engine();
        Router first = instance(engine, 4, 300);
        DecisionResult asked = first.submit(ask("Shard the queue?"));
        await("held", () -> jobs.find(Custody.jobId(asked.id())).isPresent());
        first.deactivate();
        routers.remove(first);
        assertThat(status(asked.id())).isEqualTo("processing");
        assertThat(engine.cancelled).as("its debate goes on").isEmpty();
        String stopped = jobs.find(Custody.jobId(asked.id())).orElseThrow().worker();

        instance(engine, 4, 300);
        await("followed by the next router", () -> {
            Job job = jobs.find(Custody.jobId(asked.id())).orElseThrow();
            return job.status() == JobStatus.RUNNING && !job.worker().equals(stopped);
        });
        Fakes.Handle debate = engine.last();
        debates.known.add(debate.id);
        debate.decide("Yes", "rcpt-1");
        // as the engine stores it: the follower reads it back if the debate ended before it awaited the handle
        debates.results.put(debate.id, debate.result.join());
        await("completed", () -> status(asked.id()).equals("completed"));
    }

    @Test
    void decisionsLeftWithoutAJobAreAdoptedAndOneWhoseDebateWasNeverStoredFailsWithTheReason() throws Exception {
        Instant then = Instant.now().minusSeconds(60);
        String request = StoredRequests.write(ask("Adopt me?"));
        store.record(new DecisionResult("dec-orphan", "org-1", "k", "debate", "", null, false, 0, then, "org-1", "pending",
                "normal", request, null, null, null, null, then));
        store.record(new DecisionResult("dec-lost", "org-1", "k", "debate", "", new Progress("deb-gone", then).text(), false, 0,
                then, "org-1", "processing", "normal", request, null, null, null, null, then));

        Fakes.Engine engine = new Fakes.Engine();
        instance(engine, 4, 300);
        await("the pending one runs", () -> engine.started.size() == 1);
        engine.last().decide("Adopted", null);
        await("completed", () -> status("dec-orphan").equals("completed"));
        await("the lost one failed", () -> status("dec-lost").equals("failed"));
        assertThat(store.find("dec-lost").orElseThrow().error()).contains("interrupted", "deb-gone", "retry");
    }

    @Test
    void aDecisionTheEngineRefusesForNowIsGivenBackForAnotherInstanceNotFailed() throws Exception {
        Fakes.Engine draining = new Fakes.Engine();
        draining.capacity = 0;
        Router a = instance(draining, 4, 15_000);
        DecisionResult asked = a.submit(ask("Shard the queue?"));
        await("given back", () -> jobs.find(Custody.jobId(asked.id())).map(j -> j.status() == JobStatus.PENDING).orElse(false));
        assertThat(status(asked.id())).isEqualTo("pending");
        assertThat(a.running()).isZero();

        Fakes.Engine engineB = new Fakes.Engine();
        instance(engineB, 4, 300);
        await("run on B", () -> engineB.started.size() == 1);
        engineB.last().decide("Yes", null);
        await("completed", () -> status(asked.id()).equals("completed"));
    }

    @Test
    void aFollowedDecisionWhoseDebateWasInterruptedElsewhereFailsWithThatEnd() throws Exception {
        Fakes.Engine engineA = new Fakes.Engine();
        Router a = instance(engineA, 4, 15_000);
        DecisionResult asked = a.submit(ask("Shard the queue?"));
        await("held by A", () -> jobs.find(Custody.jobId(asked.id())).isPresent());
        Fakes.Handle debate = engineA.last();
        debates.known.add(debate.id);
        debate.handOver();

        instance(new Fakes.Engine(), 4, 300);
        Fakes.Handle closed = new Fakes.Handle(debate.id, debate.spec);
        closed.end(ai.aragora.api.debate.DebateStatus.INTERRUPTED, null, null);
        debates.results.put(debate.id, closed.result.join());

        await("failed", () -> status(asked.id()).equals("failed"));
        assertThat(store.find(asked.id()).orElseThrow().error()).isEqualTo("the debate ended interrupted");
    }

    @Test
    void aDecisionIsCancelledFromAnyInstanceOverTheBusAndWithoutOneTheAnswerSaysWhy() throws Exception {
        MemoryBroker bus = new MemoryBroker();
        Fakes.Engine engineA = new Fakes.Engine();
        Router a = instance(engineA, 4, 15_000);
        a.bindBus(bus.bus("a"));
        DecisionResult asked = a.submit(ask("Shard the queue?"));
        Router b = instance(new Fakes.Engine(), 4, 15_000);

        assertThatThrownBy(() -> b.cancel(asked.id(), "changed our minds")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ARAGORA_REDIS_URL");
        assertThat(status(asked.id())).isEqualTo("processing");

        b.bindBus(bus.bus("b"));
        DecisionResult cancelled = b.cancel(asked.id(), "changed our minds").orElseThrow();
        assertThat(cancelled.status()).isEqualTo("cancelled");
        assertThat(cancelled.error()).isEqualTo("cancelled: changed our minds");
        assertThat(engineA.cancelled).containsExactly(engineA.last().id);
        assertThatThrownBy(() -> b.cancel(asked.id(), null)).hasMessageContaining("has ended (status cancelled)");
    }
}
