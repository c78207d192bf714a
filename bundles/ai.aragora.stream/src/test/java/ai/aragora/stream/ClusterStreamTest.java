package ai.aragora.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.aragora.api.cluster.MemoryBroker;
import ai.aragora.api.auth.AuthPrincipal;
import ai.aragora.api.event.DebateEvent;
import ai.aragora.api.event.EventType;

/**
 * Two instances sharing a store and a bus: instance A runs the debate, a client on B follows it.
 * Executors run inline, so each step has been delivered when the call returns.
 */
class ClusterStreamTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final AuthPrincipal READER =
            new AuthPrincipal("u1", "org-a", AuthPrincipal.Kind.USER, "member", Set.of("debates.read"));
    private static final AuthPrincipal OTHER =
            new AuthPrincipal("u2", "org-b", AuthPrincipal.Kind.USER, "member", Set.of("debates.read"));

    private final FakeStore store = new FakeStore();
    private final MemoryBroker broker = new MemoryBroker();
    private final StreamHub a = hub("a");
    private final StreamHub b = hub("b");

    @AfterEach
    void stop() {
        a.deactivate();
        b.deactivate();
    }

    @Test
    void aClientOnAnotherInstanceFollowsTheDebateWholeInOrderOnce() throws Exception {
        FakeSession onB = new FakeSession();
        b.received(b.opened(onB, READER), subscribe("d1"));
        FakeSession onA = new FakeSession();
        a.received(a.opened(onA, READER), subscribe("d1"));
        broker.twice = true;

        run("d1", 1, 6);

        assertThat(seqs(onB)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(seqs(onA)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void eventsTheBusLostAreFilledFromTheStoreWhenTheNextOneArrives() throws Exception {
        FakeSession onB = new FakeSession();
        b.received(b.opened(onB, READER), subscribe("d1"));
        run("d1", 1, 2);
        broker.down = true;
        run("d1", 3, 4);
        broker.down = false;
        run("d1", 5, 6);

        assertThat(seqs(onB)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void afterTheBrokerRestartsSubscribersGetTheMissedEventsAndASync() throws Exception {
        FakeSession onB = new FakeSession();
        b.received(b.opened(onB, READER), subscribe("d1"));
        run("d1", 1, 2);
        broker.down = true;
        run("d1", 3, 6);
        assertThat(seqs(onB)).containsExactly(1L, 2L);

        broker.restarted();

        assertThat(seqs(onB)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        JsonNode sync = MAPPER.readTree(onB.sent.get(onB.sent.size() - 1));
        assertThat(sync.get("type").asText()).isEqualTo("sync");
        assertThat(sync.at("/data/last_seq").asLong()).isEqualTo(6);
    }

    @Test
    void anOrgSubscriberOnAnotherInstanceGetsItsOrgsNewDebatesAndNoOtherOrgs() throws Exception {
        FakeSession mine = new FakeSession();
        b.received(b.opened(mine, READER), "{\"type\":\"subscribe\",\"scope\":\"org\"}");
        FakeSession theirs = new FakeSession();
        b.received(b.opened(theirs, OTHER), "{\"type\":\"subscribe\",\"scope\":\"org\"}");
        FakeSession prying = new FakeSession();
        b.received(b.opened(prying, OTHER), subscribe("d1"));
        assertThat(MAPPER.readTree(mine.sent.get(1)).get("org_id").asText()).isEqualTo("org-a");

        run("d1", 1, 4);

        assertThat(seqs(mine)).containsExactly(1L, 2L, 3L, 4L);
        assertThat(seqs(theirs)).isEmpty();
        assertThat(seqs(prying)).isEmpty();
    }

    @Test
    void anOrgSubscriberWhoFirstHearsOfADebateMidwayGetsItFromTheStart() throws Exception {
        FakeSession mine = new FakeSession();
        b.received(b.opened(mine, READER), "{\"type\":\"subscribe\",\"scope\":\"org\"}");
        broker.down = true;
        run("d1", 1, 3);
        broker.down = false;
        run("d1", 4, 5);

        assertThat(seqs(mine)).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void anOrgSubscriberGetsADebateThatStartedAndEndedWhileTheBrokerWasAwayWithASync() throws Exception {
        FakeSession mine = new FakeSession();
        b.received(b.opened(mine, READER), "{\"type\":\"subscribe\",\"scope\":\"org\"}");
        FakeSession theirs = new FakeSession();
        b.received(b.opened(theirs, OTHER), "{\"type\":\"subscribe\",\"scope\":\"org\"}");
        run("d1", 1, 2);
        broker.down = true;
        run("d1", 3, 4);
        run("d2", 1, 6);
        assertThat(seqs(mine)).containsExactly(1L, 2L);

        broker.restarted();

        assertThat(seqs(mine, "d1")).containsExactly(1L, 2L, 3L, 4L);
        assertThat(seqs(mine, "d2")).as("the debate it never heard of, whole, in order").containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(syncs(mine)).as("one sync per debate whose events it had missed, after them").containsExactly("d1:4", "d2:6");
        JsonNode last = MAPPER.readTree(mine.sent.get(mine.sent.size() - 1));
        assertThat(last.get("type").asText()).isEqualTo("sync");
        assertThat(seqs(theirs)).isEmpty();
        assertThat(syncs(theirs)).isEmpty();

        int before = mine.sent.size();
        broker.down = true;
        broker.restarted();
        run("d1", 5, 6);
        assertThat(seqs(mine, "d1")).as("once each, after a second outage too").containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(seqs(mine, "d2")).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(mine.sent.subList(before, mine.sent.size())).hasSize(2);
    }

    @Test
    void aSubscriberByIdDoesNotCostTheOrgsWatchersTheEventsBeforeItsSync() throws Exception {
        FakeSession mine = new FakeSession();
        b.received(b.opened(mine, READER), "{\"type\":\"subscribe\",\"scope\":\"org\"}");
        broker.down = true;
        run("d1", 1, 3);
        FakeSession byId = new FakeSession();
        b.received(b.opened(byId, READER), subscribe("d1"));
        broker.down = false;
        run("d1", 4, 6);

        assertThat(seqs(mine)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(seqs(byId)).as("after its sync, which covered 1-3").containsExactly(4L, 5L, 6L);
    }

    @Test
    void withoutABusAnInstanceStreamsOnlyItsOwnDebates() throws Exception {
        StreamHub alone = new StreamHub(StreamHubTest.config(Map.of()), StreamHubTest.context(), Runnable::run, Runnable::run);
        try {
            alone.bindStore(store.store());
            FakeSession here = new FakeSession();
            alone.received(alone.opened(here, READER), subscribe("d1"));
            FakeSession onB = new FakeSession();
            b.received(b.opened(onB, READER), subscribe("d1"));
            store.create("d1", "org-a");
            for (int seq = 1; seq <= 3; seq++) {
                DebateEvent e = event("d1", seq, seq == 3);
                store.append(e);
                alone.onEvent(e);
            }
            assertThat(seqs(here)).containsExactly(1L, 2L, 3L);
            assertThat(seqs(onB)).isEmpty();
        } finally {
            alone.deactivate();
        }
    }

    private StreamHub hub(String id) {
        StreamHub hub = new StreamHub(StreamHubTest.config(Map.of("messages_per_second", 1000, "burst", 1000)), StreamHubTest.context(),
                Runnable::run, Runnable::run);
        hub.bindStore(store.store());
        hub.bindBus(broker.bus(id));
        return hub;
    }

    /** Instance A runs events {@code from..to} of a debate, storing each before announcing it as the engine does. */
    private void run(String debateId, int from, int to) {
        if (!store.debates.containsKey(debateId)) {
            store.create(debateId, "org-a");
        }
        for (int seq = from; seq <= to; seq++) {
            DebateEvent e = event(debateId, seq, seq == 6);
            store.append(e);
            a.onEvent(e);
        }
    }

    private static DebateEvent event(String debateId, long seq, boolean last) {
        return new DebateEvent(debateId, seq, last ? EventType.DEBATE_END : EventType.AGENT_MESSAGE, Instant.now(), 1, "a",
                Map.of("content", "m" + seq));
    }

    private static String subscribe(String debateId) {
        return "{\"type\":\"subscribe\",\"debate_id\":\"" + debateId + "\"}";
    }

    /** The seq of the debate's events the client received, in order. */
    static List<Long> seqs(FakeSession session, String debateId) throws Exception {
        List<Long> seqs = new ArrayList<>();
        for (String text : session.sent) {
            JsonNode json = MAPPER.readTree(text);
            if (json.has("seq") && debateId.equals(json.get("loop_id").asText())) {
                seqs.add(json.get("seq").asLong());
            }
        }
        return seqs;
    }

    /** Each sync the client received, as debate:last_seq. */
    static List<String> syncs(FakeSession session) throws Exception {
        List<String> syncs = new ArrayList<>();
        for (String text : session.sent) {
            JsonNode json = MAPPER.readTree(text);
            if ("sync".equals(json.path("type").asText())) {
                syncs.add(json.at("/data/debate_id").asText() + ":" + json.at("/data/last_seq").asLong());
            }
        }
        return syncs;
    }

    /** The seq of every debate event the client received, in order. */
    static List<Long> seqs(FakeSession session) throws Exception {
        List<Long> seqs = new ArrayList<>();
        for (String text : session.sent) {
            JsonNode json = MAPPER.readTree(text);
            if (json.has("seq")) {
                seqs.add(json.get("seq").asLong());
            }
        }
        return seqs;
    }
}
