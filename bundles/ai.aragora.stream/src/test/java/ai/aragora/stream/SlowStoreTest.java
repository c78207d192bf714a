package ai.aragora.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.aragora.api.cluster.MemoryBroker;
import ai.aragora.api.auth.AuthPrincipal;
import ai.aragora.api.cluster.ClusterBus;
import ai.aragora.api.event.DebateEvent;
import ai.aragora.api.event.EventType;
import ai.aragora.api.storage.DebateStore;

/**
 * A store whose reads of one debate block until the test lets each through, behind a real
 * fan-out thread and a real lookup thread: the other debates' events keep reaching their clients
 * meanwhile, and the blocked debate's clients then get every event in order, once. Nothing is
 * timed; the timeout only turns a stalled fan-out thread (the store read on it) into a failure
 * instead of a hang.
 */
@Timeout(60)
class SlowStoreTest {

    private static final AuthPrincipal READER =
            new AuthPrincipal("u1", "org-a", AuthPrincipal.Kind.USER, "member", Set.of("debates.read"));
    private static final String FANOUT = "test-fanout";

    private final StreamProtocol protocol = new StreamProtocol(new ObjectMapper());
    private final FakeStore store = new FakeStore();
    private final ExecutorService fanout = Executors.newSingleThreadExecutor(r -> new Thread(r, FANOUT));
    private final ExecutorService lookups = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-lookup"));
    /** Debates whose store reads wait for a permit. */
    private final Set<String> slow = ConcurrentHashMap.newKeySet();
    /** One for each read that reached the store and waits. */
    private final Semaphore waiting = new Semaphore(0);
    private final Semaphore permits = new Semaphore(0);
    /** Store calls made on the fan-out thread. */
    private final List<String> readOnFanOut = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        slow.clear();
        permits.release(1000);
        fanout.shutdownNow();
        lookups.shutdownNow();
    }

    @Test
    void whileOneDebatesGapIsFilledTheOthersEventsFlowAndItsOwnFollowInOrderOnce() throws Exception {
        MemoryBroker broker = new MemoryBroker();
        // no heartbeat during the test: it would write to the sessions from a thread of its own
        StreamHub hub = new StreamHub(StreamHubTest.config(Map.of("heartbeat_seconds", 3600)), StreamHubTest.context(), fanout,
                Runnable::run, lookups);
        try {
            hub.bindStore(gated());
            hub.bindBus(broker.bus("b"));
            ClusterBus a = broker.bus("a");
            store.create("slow", "org-a");
            store.create("fast", "org-a");
            publish(a, event("slow", 1));
            publish(a, event("slow", 2));
            FakeSession onSlow = new FakeSession();
            FakeSession onFast = new FakeSession();
            hub.received(hub.opened(onSlow, READER), "{\"type\":\"subscribe\",\"debate_id\":\"slow\"}");
            hub.received(hub.opened(onFast, READER), "{\"type\":\"subscribe\",\"debate_id\":\"fast\"}");
            settle();

            slow.add("slow");
            store.append(event("slow", 3));
            store.append(event("slow", 4));
            // 3 and 4 were lost on the bus: 5 starts a fill from the store, which blocks
            publish(a, event("slow", 5));
            waiting.acquire();
            for (int seq = 1; seq <= 3; seq++) {
                publish(a, event("fast", seq));
            }
            publish(a, event("slow", 6));
            fanOutDone();

            assertThat(ClusterStreamTest.seqs(onFast, "fast")).as("not held up by the other debate's fill").containsExactly(1L, 2L, 3L);
            assertThat(ClusterStreamTest.seqs(onSlow, "slow")).as("held until the fill is back").isEmpty();

            slow.clear();
            permits.release();
            settle();
            assertThat(ClusterStreamTest.seqs(onSlow, "slow")).containsExactly(3L, 4L, 5L, 6L);
            assertThat(ClusterStreamTest.seqs(onFast, "slow")).isEmpty();
            assertThat(readOnFanOut).isEmpty();
        } finally {
            hub.deactivate();
        }
    }

    @Test
    void clientsWhoseSyncIsBehindTheFeedGetWhatPassedMeanwhileFirstWhileOtherDebatesFlow() throws Exception {
        EventRouter router = new EventRouter(fanout, lookups, protocol, new DebateSync(this::gated, 50), new StreamStats(), () -> 0L);
        store.create("slow", "org-a");
        store.create("fast", "org-a");
        FakeSession first = new FakeSession();
        FakeSession fast = new FakeSession();
        router.attach(connection(first), "slow", "org-a", 0);
        router.attach(connection(fast), "fast", "org-a", 0);
        settle();
        for (int seq = 1; seq <= 3; seq++) {
            remote(router, event("slow", seq));
        }
        settle();
        assertThat(ClusterStreamTest.seqs(first)).containsExactly(1L, 2L, 3L);

        slow.add("slow");
        // their syncs were read before 2 and 3 were passed on here
        FakeSession late = new FakeSession();
        router.attach(connection(late), "slow", "org-a", 1);
        waiting.acquire();
        FakeSession later = new FakeSession();
        router.attach(connection(later), "slow", "org-a", 0);
        remote(router, event("slow", 4));
        remote(router, event("fast", 1));
        remote(router, event("fast", 2));
        fanOutDone();
        assertThat(ClusterStreamTest.seqs(fast)).as("not held up by the other debate's read").containsExactly(1L, 2L);
        assertThat(ClusterStreamTest.seqs(first)).as("the debate's events wait for its read").containsExactly(1L, 2L, 3L);

        permits.release();
        // the client that came during the first read needs more than it fetched: a second read
        waiting.acquire();
        fanOutDone();
        assertThat(ClusterStreamTest.seqs(late)).containsExactly(2L, 3L, 4L);
        assertThat(ClusterStreamTest.seqs(later)).as("nothing before what it missed").isEmpty();

        slow.clear();
        permits.release();
        settle();
        assertThat(ClusterStreamTest.seqs(first)).containsExactly(1L, 2L, 3L, 4L);
        assertThat(ClusterStreamTest.seqs(late)).containsExactly(2L, 3L, 4L);
        assertThat(ClusterStreamTest.seqs(later)).containsExactly(1L, 2L, 3L, 4L);
        remote(router, event("slow", 5));
        settle();
        assertThat(ClusterStreamTest.seqs(later)).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(ClusterStreamTest.seqs(first)).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(readOnFanOut).isEmpty();
    }

    private StreamConnection connection(FakeSession session) {
        return new StreamConnection(session.toString(), READER, session, 1000, 10, new TokenBucket(1000, 1000, 0), Runnable::run,
                c -> { });
    }

    /** Instance A stores the event and announces it on the bus. */
    private void publish(ClusterBus a, DebateEvent event) {
        store.append(event);
        a.publish(ClusterRelay.CHANNEL, protocol.encode(event, "org-a").payload());
    }

    private void remote(EventRouter router, DebateEvent event) {
        store.append(event);
        router.remote(protocol.encode(event, "org-a"));
    }

    /** Everything queued on the fan-out thread so far has run. */
    private void fanOutDone() throws Exception {
        fanout.submit(() -> { }).get();
    }

    /** Each read and what it hands back to the fan-out thread has run (reads are not blocked). */
    private void settle() throws Exception {
        for (int i = 0; i < 4; i++) {
            fanOutDone();
            lookups.submit(() -> { }).get();
        }
        fanOutDone();
    }

    /** The store, with the reads of {@link #slow} debates waiting for a permit, and every read on the fan-out thread noted. */
    private DebateStore gated() {
        DebateStore real = store.store();
        return (DebateStore) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DebateStore.class},
                (proxy, m, args) -> {
                    if (Thread.currentThread().getName().equals(FANOUT)) {
                        readOnFanOut.add(m.getName());
                    }
                    if (args != null && args.length > 0 && slow.contains(args[0])) {
                        waiting.release();
                        permits.acquire();
                    }
                    try {
                        return m.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static DebateEvent event(String debateId, long seq) {
        return new DebateEvent(debateId, seq, EventType.AGENT_MESSAGE, Instant.now(), 1, "a", Map.of("content", "m" + seq));
    }
}
