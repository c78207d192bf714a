package ai.aragora.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.aragora.api.cluster.MemoryBroker;
import ai.aragora.api.auth.AuthPrincipal;
import ai.aragora.api.event.DebateEvent;
import ai.aragora.api.event.EventType;

class StreamHubTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final AuthPrincipal READER =
            new AuthPrincipal("u1", "org-a", AuthPrincipal.Kind.USER, "member", Set.of("debates.read"));

    // a rate far above what the test sends: the cap, not the rate limit, is what answers
    private final StreamHub hub = new StreamHub(config(Map.of("messages_per_second", 100_000, "burst", 100_000,
            "max_subscriptions", 3)), context(), Runnable::run, Runnable::run);

    @AfterEach
    void stop() {
        hub.deactivate();
    }

    @Test
    void aSubscriptionBeyondTheCapIsAnErrorAndTakesNoSlot() throws Exception {
        FakeSession session = new FakeSession();
        StreamConnection connection = hub.opened(session, READER);
        for (String id : List.of("d1", "d2", "d3", "d4")) {
            hub.received(connection, "{\"type\":\"subscribe\",\"debate_id\":\"" + id + "\"}");
        }

        JsonNode refused = MAPPER.readTree(session.sent.get(session.sent.size() - 1));
        assertThat(refused.get("type").asText()).isEqualTo("error");
        assertThat(refused.at("/data/code").asText()).isEqualTo("too_many_subscriptions");
        assertThat(refused.at("/data/message").asText()).isEqualTo("at most 3 subscriptions per connection: unsubscribe from a debate first");
        assertThat(session.sent).filteredOn(m -> m.contains("\"subscribed\"")).hasSize(3);
        assertThat(connection.subscriptions()).containsExactlyInAnyOrder("d1", "d2", "d3");

        hub.received(connection, "{\"type\":\"unsubscribe\",\"debate_id\":\"d2\"}");
        hub.received(connection, "{\"type\":\"subscribe\",\"debate_id\":\"d4\"}");
        assertThat(session.sent.get(session.sent.size() - 1)).contains("\"type\":\"subscribed\"", "\"d4\"");
    }

    @Test
    void statsCountSubscriptionsSentMessagesAndSlowClientsDropped() throws Exception {
        StreamHub small = new StreamHub(config(Map.of("client_buffer_events", 2)), context(), Runnable::run, Runnable::run);
        try {
            AuthPrincipal admin = new AuthPrincipal("admin", null, AuthPrincipal.Kind.ADMIN, "admin", Set.of("*"));
            FakeSession fast = new FakeSession();
            FakeSession slow = new FakeSession();
            StreamConnection quick = small.opened(fast, admin);
            StreamConnection lagging = small.opened(slow, admin);
            small.received(quick, "{\"type\":\"subscribe\",\"debate_id\":\"d1\"}");
            small.received(lagging, "{\"type\":\"subscribe\",\"debate_id\":\"d1\"}");
            assertThat(small.stats()).containsEntry("clients", 2).containsEntry("subscriptions", 2).containsEntry("debates_watched", 1);

            slow.stalled = true;
            for (int seq = 1; seq <= 5; seq++) {
                small.onEvent(new DebateEvent("d1", seq, EventType.AGENT_MESSAGE, java.time.Instant.now(), 1, "a", Map.of("content", "x")));
            }
            assertThat(small.stats()).containsEntry("clients", 1).containsEntry("slow_clients_dropped_total", 1L);
            assertThat((long) small.stats().get("messages_sent_total")).isGreaterThanOrEqualTo(5);
        } finally {
            small.deactivate();
        }
    }

    @Test
    void theDebatesThreadOnlyQueuesItsEventsAndTheFanOutWritesThemOnce() throws Exception {
        List<Runnable> fanout = new ArrayList<>();
        StreamHub queued = new StreamHub(config(Map.of()), context(), fanout::add, Runnable::run);
        try {
            FakeStore store = new FakeStore();
            FakeSession session = orgSubscriberOfDebate(queued, store, "d1");
            DebateEvent start = new DebateEvent("d1", 1, EventType.DEBATE_START, java.time.Instant.now(), 0, null, Map.of());
            store.append(start);
            int before = session.sent.size();

            queued.onEvent(start);

            assertThat(session.sent).as("nothing written on the debate's thread").hasSize(before);
            runAll(fanout);
            assertThat(ClusterStreamTest.seqs(session)).containsExactly(1L);
        } finally {
            queued.deactivate();
        }
    }

    @Test
    void eventsQueuedTogetherReachAClientOnceTheFanOutHasPassedOnTheLastOfThem() throws Exception {
        List<Runnable> fanout = new ArrayList<>();
        StreamHub queued = new StreamHub(config(Map.of()), context(), fanout::add, Runnable::run);
        try {
            FakeStore store = new FakeStore();
            FakeSession session = orgSubscriberOfDebate(queued, store, "d1");
            for (long seq = 1; seq <= 4; seq++) {
                DebateEvent e = new DebateEvent("d1", seq, EventType.AGENT_MESSAGE, java.time.Instant.now(), 1, "a", Map.of());
                store.append(e);
                queued.onEvent(e);
                if (seq == 1) {
                    // the debate's org is known from here on
                    runAll(fanout);
                }
            }
            int before = session.sent.size();

            fanout.remove(0).run();
            assertThat(fanout).hasSize(2);
            assertThat(session.sent).as("the event passed on is held while two more wait for the fan-out thread").hasSize(before);

            runAll(fanout);
            assertThat(ClusterStreamTest.seqs(session)).containsExactly(1L, 2L, 3L, 4L);
        } finally {
            queued.deactivate();
        }
    }

    @Test
    void aDebatesOrgIsReadOffTheFanOutThreadWhileOtherDebatesEventsPass() throws Exception {
        List<Runnable> fanout = new ArrayList<>();
        List<Runnable> lookups = new ArrayList<>();
        StreamHub hub = new StreamHub(config(Map.of()), context(), fanout::add, Runnable::run, lookups::add);
        try {
            FakeStore store = new FakeStore();
            hub.bindStore(store.store());
            store.create("known", "org-a");
            store.create("new", "org-a");
            FakeSession watcher = new FakeSession();
            StreamConnection connection = hub.opened(watcher, READER);
            hub.received(connection, "{\"type\":\"subscribe\",\"scope\":\"org\"}");
            hub.received(connection, "{\"type\":\"subscribe\",\"debate_id\":\"known\"}");
            // the subscription's read of events stored before its feed existed
            runAll(fanout, lookups);

            hub.onEvent(event("new", 1));
            hub.onEvent(event("known", 1));
            hub.onEvent(event("new", 2));
            runAll(fanout);

            assertThat(lookups).as("one lookup of the new debate's org, not run by the fan-out").hasSize(1);
            assertThat(ClusterStreamTest.seqs(watcher, "known")).as("not held up by the lookup").containsExactly(1L);
            assertThat(ClusterStreamTest.seqs(watcher, "new")).as("held until its org is known").isEmpty();

            runAll(lookups);
            runAll(fanout);
            assertThat(ClusterStreamTest.seqs(watcher, "new")).containsExactly(1L, 2L);
        } finally {
            hub.deactivate();
        }
    }

    @Test
    void afterAnOutageTheStoreIsScannedForChangedDebatesOffTheFanOutThread() throws Exception {
        List<Runnable> fanout = new ArrayList<>();
        List<Runnable> lookups = new ArrayList<>();
        StreamHub hub = new StreamHub(config(Map.of()), context(), fanout::add, Runnable::run, lookups::add);
        try {
            FakeStore store = new FakeStore();
            MemoryBroker broker = new MemoryBroker();
            hub.bindStore(store.store());
            hub.bindBus(broker.bus("b"));
            FakeSession watcher = new FakeSession();
            hub.received(hub.opened(watcher, READER), "{\"type\":\"subscribe\",\"scope\":\"org\"}");
            runAll(fanout);
            store.create("elsewhere", "org-a");
            store.append(event("elsewhere", 1));
            store.append(event("elsewhere", 2));

            broker.restarted();
            runAll(fanout);
            assertThat(lookups).as("the scan, queued for the lookup thread").hasSize(1);
            assertThat(ClusterStreamTest.seqs(watcher, "elsewhere")).isEmpty();

            runAll(lookups, fanout);
            assertThat(ClusterStreamTest.seqs(watcher, "elsewhere")).containsExactly(1L, 2L);
            assertThat(ClusterStreamTest.syncs(watcher)).containsExactly("elsewhere:2");
        } finally {
            hub.deactivate();
        }
    }

    private static DebateEvent event(String debateId, long seq) {
        return new DebateEvent(debateId, seq, EventType.AGENT_MESSAGE, java.time.Instant.now(), 1, "a", Map.of("content", "m" + seq));
    }

    /** A client of {@code hub} on {@code store} subscribed to its org, whose debate {@code debateId} exists. */
    private static FakeSession orgSubscriberOfDebate(StreamHub hub, FakeStore store, String debateId) {
        hub.bindStore(store.store());
        FakeSession session = new FakeSession();
        StreamConnection connection = hub.opened(session, READER);
        hub.received(connection, "{\"type\":\"subscribe\",\"scope\":\"org\"}");
        store.create(debateId, "org-a");
        return session;
    }

    /** Runs queued tasks, and those they queue on any of the queues, until none is left. */
    @SafeVarargs
    private static void runAll(List<Runnable>... queues) {
        boolean ran = true;
        while (ran) {
            ran = false;
            for (List<Runnable> queue : queues) {
                while (!queue.isEmpty()) {
                    queue.remove(0).run();
                    ran = true;
                }
            }
        }
    }

    @Test
    void anOrgSubscriptionTakesASlotAndNeedsReadPermission() throws Exception {
        FakeSession session = new FakeSession();
        StreamConnection connection = hub.opened(session, READER);
        hub.received(connection, "{\"type\":\"subscribe\",\"scope\":\"org\"}");
        JsonNode subscribed = MAPPER.readTree(session.sent.get(1));
        assertThat(subscribed.get("scope").asText()).isEqualTo("org");
        assertThat(subscribed.get("org_id").asText()).isEqualTo("org-a");
        assertThat(connection.subscriptions()).containsExactly(Subscriptions.ORG_SLOT);
        hub.received(connection, "{\"type\":\"unsubscribe\",\"scope\":\"org\"}");
        assertThat(connection.subscriptions()).isEmpty();

        FakeSession anonymous = new FakeSession();
        hub.received(hub.opened(anonymous, AuthPrincipal.anonymous()), "{\"type\":\"subscribe\",\"scope\":\"org\"}");
        assertThat(MAPPER.readTree(anonymous.sent.get(1)).at("/data/code").asText()).isEqualTo("unauthorized");
    }

    static StreamConfig config(Map<String, Object> values) {
        return (StreamConfig) Proxy.newProxyInstance(StreamConfig.class.getClassLoader(), new Class<?>[] {StreamConfig.class},
                (proxy, m, args) -> values.containsKey(m.getName()) ? values.get(m.getName()) : m.getDefaultValue());
    }

    /** Enough of a bundle context for the hub's metric registration. */
    static BundleContext context() {
        ServiceRegistration<?> registration = (ServiceRegistration<?>) Proxy.newProxyInstance(StreamHubTest.class.getClassLoader(),
                new Class<?>[] {ServiceRegistration.class}, (proxy, m, args) -> null);
        return (BundleContext) Proxy.newProxyInstance(StreamHubTest.class.getClassLoader(), new Class<?>[] {BundleContext.class},
                (proxy, m, args) -> {
                    if (m.getName().equals("registerService")) {
                        return registration;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
    }
}
