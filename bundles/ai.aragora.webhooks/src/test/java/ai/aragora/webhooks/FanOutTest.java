package ai.aragora.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.aragora.api.debate.DebateSpec;
import ai.aragora.api.debate.DebateStatus;
import ai.aragora.api.event.DebateEvent;
import ai.aragora.api.event.EventType;
import ai.aragora.api.storage.DebateRecord;
import ai.aragora.storage.jdbc.Fixtures;
import ai.aragora.storage.jdbc.store.JdbcDebateStore;
import ai.aragora.webhooks.outbox.Delivery;
import ai.aragora.webhooks.outbox.FanOut;
import ai.aragora.webhooks.store.Subscription;

/**
 * Events reach the outbox through the store's triggers, in the commit that stores them, and are
 * fanned out to the subscriptions of the debate's org that want them.
 */
class FanOutTest {

    @TempDir
    Path dir;
    Outbox outbox;
    JdbcDebateStore debates;
    ScriptedSink sink = new ScriptedSink();

    /** The outbox on SQLite; the PostgreSQL run opens it there. */
    Outbox outbox() throws Exception {
        return new Outbox(dir);
    }

    @BeforeEach
    void open() throws Exception {
        outbox = outbox();
        outbox.sinks.put("http", sink);
        debates = JdbcDebateStore.on(outbox.db);
    }

    @AfterEach
    void close() throws Exception {
        outbox.close();
    }

    private void debate(String id, String org, Map<String, String> metadata) {
        DebateSpec spec = Fixtures.spec(org);
        Map<String, String> meta = new HashMap<>(spec.metadata());
        meta.putAll(metadata);
        DebateSpec with = DebateSpec.builder(spec.task()).rounds(3).orgId(org).metadata(meta).build();
        debates.create(new DebateRecord(id, with, "user-1", DebateStatus.CREATED, 0, false, Fixtures.T0, Fixtures.T0))
                .toCompletableFuture().join();
    }

    private void events(String debateId, DebateEvent... events) {
        debates.append(debateId, List.of(), List.of(events)).toCompletableFuture().join();
    }

    private static DebateEvent event(String debateId, long seq, EventType type, int round, Map<String, Object> data) {
        return new DebateEvent(debateId, seq, type, Fixtures.T0.plusSeconds(seq), round, null, data);
    }

    private long waiting() {
        return outbox.db.read(c -> {
            try (var s = c.createStatement(); var rs = s.executeQuery("SELECT COUNT(*) FROM webhook_events")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Test
    void anOrgsEventsReachItsSubscriptionsThatWantThemAndNoOtherOrgs() throws Exception {
        Subscription all = outbox.subscribe("org-a", "http://127.0.0.1:9/all", "http", List.of());
        Subscription ends = outbox.subscribe("org-a", "http://127.0.0.1:9/ends", "http", List.of("debate.completed"));
        Subscription other = outbox.subscribe("org-b", "http://127.0.0.1:9/b", "http", List.of());
        debate("d-1", "org-a", Map.of());
        events("d-1", event("d-1", 1, EventType.DEBATE_START, 0, Map.of("task", "t", "agents", List.of("a", "b"), "rounds", 3)),
                event("d-1", 2, EventType.ROUND_START, 1, Map.of("rounds", 3)),
                event("d-1", 3, EventType.AGENT_MESSAGE, 1, Map.of("text", "not announced")),
                event("d-1", 4, EventType.ROUND_START, 2, Map.of("rounds", 3)));
        assertThat(waiting()).as("written by the trigger with the events: start and both round starts").isEqualTo(3);

        outbox.pass();
        assertThat(waiting()).isZero();
        assertThat(outbox.deliveries.list(all.id(), null, 0, 10)).extracting(Delivery::eventType)
                .containsExactlyInAnyOrder("debate.started", "debate.round_completed");
        assertThat(outbox.deliveries.list(ends.id(), null, 0, 10)).isEmpty();
        assertThat(outbox.deliveries.list(other.id(), null, 0, 10)).isEmpty();
        Delivery round = outbox.deliveries.list(all.id(), null, 0, 10).stream()
                .filter(d -> d.eventType().equals("debate.round_completed")).findFirst().orElseThrow();
        assertThat(round.body()).containsEntry("org_id", "org-a").containsEntry("timestamp", Fixtures.T0.plusSeconds(4).toString());
        assertThat(round.body().get("data")).isEqualTo(Map.of("debate_id", "d-1", "round", 1, "rounds", 3));
    }

    @Test
    void anOrgWithoutSubscriptionsWritesNothingForWebhooks() {
        outbox.subscribe("org-b", "http://127.0.0.1:9/b", "http", List.of());
        debate("d-1", "org-a", Map.of());
        events("d-1", event("d-1", 1, EventType.DEBATE_START, 0, Map.of()));
        assertThat(waiting()).isZero();
    }

    @Test
    void aCompletedDebateCarriesItsVerdictConfidenceWinnerAndReceiptAndGoesToItsCallbackUrl() throws Exception {
        Subscription s = outbox.subscribe("org-a", "http://127.0.0.1:9/all", "http", List.of("debate.completed"));
        debate("d-1", "org-a", Map.of(FanOut.CALLBACK_URL, "http://127.0.0.1:9/callback"));
        debates.complete(Fixtures.result("d-1", "org-a", Fixtures.T0).withReceipt("rcpt-1"), List.of(),
                List.of(event("d-1", 1, EventType.DEBATE_END, 0, Map.of("status", "completed", "verdict", "approved",
                        "confidence", 0.85, "rounds_used", 2, "receipt_id", "rcpt-1")))).toCompletableFuture().join();

        outbox.pass();
        Delivery d = outbox.deliveries.list(s.id(), null, 0, 10).get(0);
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) d.body().get("data");
        assertThat(data).containsEntry("verdict", "approved").containsEntry("confidence", 0.85)
                .containsEntry("receipt_id", "rcpt-1").containsEntry("status", "completed").containsKey("winner");
        assertThat(data.get("winner")).isEqualTo(Fixtures.result("d-1", "org-a", Fixtures.T0).consensus().winner());
        assertThat(sink.requests).extracting(r -> r.url().toString())
                .containsExactlyInAnyOrder("http://127.0.0.1:9/all", "http://127.0.0.1:9/callback");
        assertThat(sink.requests).allSatisfy(r -> assertThat(r.secrets()).hasSize(1));
    }

    @Test
    void aWriteThatRollsBackLeavesNoDelivery() {
        outbox.subscribe("org-a", "http://127.0.0.1:9/all", "http", List.of());
        debate("d-1", "org-a", Map.of());
        try {
            outbox.db.writeAndWait(c -> {
                try (var ps = c.prepareStatement("INSERT INTO debate_events (debate_id, seq, type, ts_ns, round, agent, data)"
                        + " VALUES ('d-1', 1, 'DEBATE_START', 0, 0, NULL, '{}')")) {
                    ps.executeUpdate();
                }
                throw new java.sql.SQLException("the rest of the commit failed");
            });
        } catch (RuntimeException expected) {
            // the event did not commit
        }
        assertThat(waiting()).isZero();
        assertThat(debates.events("d-1", 0, 10)).isEmpty();
    }
}
