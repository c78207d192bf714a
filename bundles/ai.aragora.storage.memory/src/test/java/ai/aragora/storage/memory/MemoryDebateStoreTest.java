package ai.aragora.storage.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.aragora.api.debate.AgentUsage;
import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.debate.DebateSpec;
import ai.aragora.api.debate.DebateStatus;
import ai.aragora.api.debate.Message;
import ai.aragora.api.debate.UsageTotals;
import ai.aragora.api.event.DebateEvent;
import ai.aragora.api.event.EventType;
import ai.aragora.api.storage.DebateRecord;
import ai.aragora.api.storage.UsageRow;

class MemoryDebateStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private final MemoryDebateStore store = new MemoryDebateStore(2, Clock.fixed(T0, ZoneOffset.UTC));

    private static DebateRecord record(String id, int minute) {
        return new DebateRecord(id, DebateSpec.builder("task " + id).build(), "tester", DebateStatus.CREATED, 0, false,
                T0.plusSeconds(60L * minute), null);
    }

    private static Message message(int index) {
        return new Message(index, "proposer", "a", "text " + index, 1, T0);
    }

    private static DebateEvent event(String id, long seq) {
        return new DebateEvent(id, seq, EventType.AGENT_MESSAGE, T0, 1, "a", Map.of());
    }

    private static DebateResult result(String id, DebateStatus status) {
        return result(id, status, null);
    }

    private static DebateResult result(String id, DebateStatus status, UsageTotals usage) {
        return new DebateResult(id, DebateSpec.builder("task " + id).build(), status, null, null, null, 1, 0.1, List.of(),
                null, List.of(), List.of(), List.of(), List.of(), null, null, 0, List.of(), usage, T0, T0, null);
    }

    private static boolean done(java.util.concurrent.CompletionStage<Void> stage) {
        var f = stage.toCompletableFuture();
        return f.isDone() && !f.isCompletedExceptionally();
    }

    private static Throwable failure(java.util.concurrent.CompletionStage<Void> stage) {
        var f = stage.toCompletableFuture();
        assertThat(f).isCompletedExceptionally();
        Throwable error = f.handle((ok, e) -> e).join();
        return error instanceof java.util.concurrent.CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    @Test
    void debatesChangedSinceComeOldestChangeFirstPerOrg() {
        for (String[] d : new String[][] {{"a1", "org-a", "0"}, {"b1", "org-b", "7"}, {"a2", "org-a", "5"}}) {
            store.create(new DebateRecord(d[0], DebateSpec.builder("task").orgId(d[1]).build(), "tester", DebateStatus.CREATED, 0,
                    false, T0.plusSeconds(60L * Integer.parseInt(d[2])), null));
        }
        Instant since = T0.plusSeconds(60);
        assertThat(store.changedSince("org-a", since, 10)).extracting(DebateRecord::id).containsExactly("a2");
        assertThat(store.changedSince(null, since, 10)).extracting(DebateRecord::id).containsExactly("a2", "b1");
        assertThat(store.changedSince(null, since, 1)).extracting(DebateRecord::id).containsExactly("a2");
    }

    @Test
    void eventsComeBackAsTheyWereAppendedWithTheirDataInOrder() {
        store.create(record("d1", 0));
        Map<String, Object> data = new java.util.LinkedHashMap<>();
        data.put("target", "b");
        data.put("severity", 7.0);
        data.put("issues", List.of("no rollback path", "no owner"));
        data.put("calibrated_confidence", 0.7312);
        data.put("index", 4);
        data.put("baseline", true);
        DebateEvent critique = new DebateEvent("d1", 5, EventType.CRITIQUE, T0.plusSeconds(3), 2, "a", data);
        DebateEvent start = new DebateEvent("d1", 200, EventType.ROUND_START, T0.plusSeconds(4), 3, null, Map.of("rounds", 3));
        store.append("d1", List.of(), List.of(critique, start));

        List<DebateEvent> events = store.events("d1", 0, 10);
        assertThat(events).containsExactly(critique, start);
        assertThat(events.get(0).data().keySet()).containsExactly("target", "severity", "issues", "calibrated_confidence",
                "index", "baseline");
        assertThat(store.events("d1", 5, 10)).containsExactly(start);
        assertThat(store.events("d1", 200, 10)).isEmpty();
        assertThat(store.events("d1", 0, Integer.MAX_VALUE)).hasSize(2);
    }

    @Test
    void reAppendingTheSameIndexOrSeqIsANoOp() {
        assertThat(done(store.create(record("d1", 0)))).isTrue();
        store.append("d1", List.of(message(0), message(1)), List.of(event("d1", 1), event("d1", 2)));
        store.append("d1", List.of(message(1), message(2)), List.of(event("d1", 2), event("d1", 3)));

        assertThat(store.messages("d1", 0, 10).items()).extracting(Message::index).containsExactly(0, 1, 2);
        assertThat(store.events("d1", 0, 10)).extracting(DebateEvent::seq).containsExactly(1L, 2L, 3L);
        assertThat(store.events("d1", 1, 1)).extracting(DebateEvent::seq).containsExactly(2L);
        assertThat(store.messages("d1", 1, 1).hasMore()).isTrue();
    }

    @Test
    void theLastEventSeqPagesThroughEveryEvent() {
        assertThat(done(store.create(record("d1", 0)))).isTrue();
        assertThat(store.lastEventSeq("d1")).isZero();
        List<DebateEvent> many = new java.util.ArrayList<>();
        for (int seq = 1; seq <= 2_500; seq++) {
            many.add(event("d1", seq));
        }
        store.append("d1", List.of(), many);
        assertThat(store.lastEventSeq("d1")).isEqualTo(2_500);
    }

    @Test
    void writesToAnUnknownDebateFailTheStage() {
        var stage = store.append("nope", List.of(message(0)), List.of()).toCompletableFuture();
        assertThat(stage.isCompletedExceptionally()).isTrue();
        assertThat(store.create(record("d1", 0)).toCompletableFuture().isCompletedExceptionally()).isFalse();
        assertThat(store.create(record("d1", 0)).toCompletableFuture().isCompletedExceptionally()).isTrue();
    }

    @Test
    void onlyFinishedDebatesAreForgottenOldestFirst() {
        for (int i = 1; i <= 4; i++) {
            store.create(record("d" + i, i));
        }
        store.create(record("running", 0));
        store.complete(result("d1", DebateStatus.COMPLETED));
        store.complete(result("d2", DebateStatus.CONSENSUS_REACHED));
        store.updateStatus("d3", DebateStatus.INTERRUPTED, 1);

        assertThat(store.find("d1")).isEmpty();
        assertThat(store.find("d2")).isPresent();
        assertThat(store.find("d3")).isPresent();
        assertThat(store.find("running")).isPresent();
        assertThat(store.unfinished()).extracting(DebateRecord::id).containsExactly("running", "d4");
    }

    @Test
    void usageIsCountedOnceAsDebatesEndAndOutlivesEviction() {
        UsageTotals used = new UsageTotals(10, 5, 0.5, List.of(new AgentUsage("a", "m", 2, 10, 5, 0.5)));
        for (int i = 1; i <= 3; i++) {
            store.create(record("d" + i, i));
            store.complete(result("d" + i, DebateStatus.COMPLETED, used));
        }
        store.complete(result("d3", DebateStatus.COMPLETED, used));
        LocalDate day = LocalDate.of(2026, 11, 22);
        String org = record("d1", 0).orgId();
        assertThat(store.find("d1")).as("forgotten").isEmpty();
        assertThat(store.usage(org, day)).containsExactly(
                new UsageRow(org, day, UsageRow.WHOLE_DEBATE, null, 3, 6, 30, 15, 1.5),
                new UsageRow(org, day, "a", "m", 3, 6, 30, 15, 1.5));
        assertThat(store.usage(null, day)).extracting(UsageRow::debates).containsExactly(3L, 3L);
        assertThat(store.usage("another-org", day)).isEmpty();
        assertThat(store.usage(org, day.plusDays(1))).isEmpty();
        assertThat(store.uncounted()).isZero();
    }

    @Test
    void completingRecordsStatusRoundsAndTheReceipt() {
        store.create(record("d1", 0));
        store.attachReceipt("d1", "rcpt-early");
        store.complete(result("d1", DebateStatus.CONSENSUS_REACHED));
        assertThat(store.find("d1").orElseThrow().status()).isEqualTo(DebateStatus.CONSENSUS_REACHED);
        assertThat(store.result("d1").orElseThrow().receiptId()).isEqualTo("rcpt-early");

        store.attachReceipt("d1", "rcpt-1");
        assertThat(store.result("d1").orElseThrow().receiptId()).isEqualTo("rcpt-1");
    }

    @Test
    void aFinalStatusStays() {
        store.create(record("d1", 0));
        store.updateStatus("d1", DebateStatus.INTERRUPTED, 1);

        assertThat(failure(store.updateStatus("d1", DebateStatus.RUNNING, 2))).isInstanceOf(IllegalStateException.class)
                .hasMessage("debate d1 is final (interrupted); its status stays");
        assertThat(failure(store.updateStatus("d1", DebateStatus.COMPLETED, 2))).hasMessageContaining("final");
        assertThat(failure(store.complete(result("d1", DebateStatus.COMPLETED)))).hasMessage("debate d1 is already final (interrupted)");
        DebateRecord d1 = store.find("d1").orElseThrow();
        assertThat(d1.status()).isEqualTo(DebateStatus.INTERRUPTED);
        assertThat(d1.roundsUsed()).isEqualTo(1);
        assertThat(store.result("d1")).isEmpty();
        assertThat(done(store.updateStatus("d1", DebateStatus.INTERRUPTED, 1))).as("the same final status again").isTrue();
    }

    @Test
    void aCompletedDebateIsNotCompletedOrReopenedAgain() {
        store.create(record("d1", 0));
        store.complete(result("d1", DebateStatus.CONSENSUS_REACHED));

        assertThat(failure(store.complete(result("d1", DebateStatus.FAILED)))).hasMessageContaining("already final");
        assertThat(failure(store.updateStatus("d1", DebateStatus.RUNNING, 3))).hasMessageContaining("final");
        assertThat(store.find("d1").orElseThrow().status()).isEqualTo(DebateStatus.CONSENSUS_REACHED);
        assertThat(store.result("d1").orElseThrow().status()).isEqualTo(DebateStatus.CONSENSUS_REACHED);
        assertThat(store.unfinished()).isEmpty();
    }

    @Test
    void listingIsNewestFirstAndFiltered() {
        store.create(record("old", 1));
        store.create(record("new", 2));
        store.create(new DebateRecord("other-org", DebateSpec.builder("t").orgId("acme").build(), null, DebateStatus.CREATED,
                0, false, T0.plusSeconds(600), null));
        store.updateStatus("old", DebateStatus.RUNNING, 1);

        assertThat(store.list("default", null, 0, 10).items()).extracting(DebateRecord::id).containsExactly("new", "old");
        assertThat(store.list("default", DebateStatus.RUNNING, 0, 10).items()).extracting(DebateRecord::id).containsExactly("old");
        assertThat(store.list("default", null, 1, 1).total()).isEqualTo(2);
        assertThat(store.list(null, null, 0, 10).items()).as("every org's").extracting(DebateRecord::id)
                .containsExactly("other-org", "new", "old");
        assertThat(store.delete("new")).isTrue();
        assertThat(store.delete("new")).isFalse();
    }
}
