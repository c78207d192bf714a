package ai.aragora.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.aragora.api.audit.AuditEvent;
import ai.aragora.api.audit.AuditLog;
import ai.aragora.api.audit.AuditVerification;
import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.debate.DebateSpec;
import ai.aragora.api.debate.DebateStatus;
import ai.aragora.api.debate.Message;
import ai.aragora.api.debate.UsageTotals;
import ai.aragora.api.event.DebateEvent;
import ai.aragora.api.event.EventType;
import ai.aragora.api.rating.Rating;
import ai.aragora.api.rating.RatingChange;
import ai.aragora.api.receipt.ChainEntry;
import ai.aragora.api.receipt.Checkpoint;
import ai.aragora.api.receipt.Receipt;
import ai.aragora.api.receipt.ReceiptException;
import ai.aragora.api.receipt.ReceiptStore;
import ai.aragora.api.storage.ApiKey;
import ai.aragora.api.storage.ApiKeyStore;
import ai.aragora.api.storage.ShareLink;
import ai.aragora.api.storage.ShareLinkStore;
import ai.aragora.api.storage.DebateRecord;
import ai.aragora.api.storage.DebateStore;
import ai.aragora.api.storage.DecisionFeedback;
import ai.aragora.api.storage.DecisionResult;
import ai.aragora.api.storage.DecisionResultStore;
import ai.aragora.api.storage.IntegrationRecord;
import ai.aragora.api.crypto.EncryptedFieldSource;
import ai.aragora.api.crypto.Envelope;
import ai.aragora.api.crypto.FieldCensus;
import ai.aragora.api.crypto.StoredField;
import ai.aragora.api.storage.Job;
import ai.aragora.api.storage.JobQueue;
import ai.aragora.api.storage.JobRequest;
import ai.aragora.api.storage.JobStatus;
import ai.aragora.api.storage.Page;
import ai.aragora.api.storage.Prediction;
import ai.aragora.api.storage.RatingStore;
import ai.aragora.api.storage.User;
import ai.aragora.api.storage.UsageRow;
import ai.aragora.api.storage.UserStore;
import ai.aragora.launcher.spi.Command;
import ai.aragora.storage.jdbc.ops.CleanupCommand;
import ai.aragora.storage.jdbc.ops.EncryptExistingCommand;
import ai.aragora.storage.jdbc.ops.EncryptionStatusCommand;
import ai.aragora.storage.jdbc.ops.IntegrityCheckCommand;
import ai.aragora.storage.jdbc.ops.MigrateCommand;
import ai.aragora.storage.jdbc.ops.ReceiptRetentionScheduler;
import ai.aragora.storage.jdbc.ops.ServerDirs;
import ai.aragora.storage.jdbc.ops.StorageConfig;
import ai.aragora.storage.jdbc.sql.PooledDatabase;
import ai.aragora.storage.jdbc.statement.Sql;
import ai.aragora.storage.jdbc.store.JdbcApiKeyStore;
import ai.aragora.storage.jdbc.store.JdbcShareLinkStore;
import ai.aragora.storage.jdbc.store.JdbcDebateStore;
import ai.aragora.storage.jdbc.store.JdbcDecisionResultStore;
import ai.aragora.storage.jdbc.store.JdbcIntegrationStore;
import ai.aragora.storage.jdbc.store.JdbcJobQueue;
import ai.aragora.storage.jdbc.store.JdbcRatingStore;
import ai.aragora.storage.jdbc.store.JdbcReceiptStore;
import ai.aragora.storage.jdbc.store.JdbcUsageStore;
import ai.aragora.storage.jdbc.store.JdbcUserStore;

/**
 * The storage SPI's contract, run unchanged against every backend on a fresh database. A
 * backend's test says how to open (and reopen) its storage; everything asserted here is what
 * the engine, the receipts bundle and the auth bundle rely on.
 */
public abstract class StorageContract {

    @TempDir
    protected Path temp;

    protected StorageBackend backend;
    protected DebateStore debates;
    protected RatingStore ratings;
    protected ReceiptStore receipts;
    protected JobQueue jobs;
    protected DecisionResultStore decisions;
    protected UserStore users;
    protected ApiKeyStore keys;
    protected JdbcIntegrationStore integrations;
    protected ShareLinkStore shares;
    protected final RecordingAudit audit = new RecordingAudit();

    /** A fresh, migrated storage of this backend. */
    protected abstract StorageBackend open() throws Exception;

    /** The same storage again, as a restarted server sees it. */
    protected abstract StorageBackend reopen() throws Exception;

    protected abstract void close(StorageBackend backend) throws Exception;

    @BeforeEach
    void openStorage() throws Exception {
        use(open());
    }

    @AfterEach
    void closeStorage() throws Exception {
        close(backend);
    }

    protected void use(StorageBackend b) {
        backend = b;
        debates = JdbcDebateStore.on(b.database(Store.ARAGORA));
        ratings = JdbcRatingStore.on(b.database(Store.ARAGORA));
        receipts = JdbcReceiptStore.on(b.database(Store.ARAGORA));
        jobs = JdbcJobQueue.on(b.database(Store.JOB_QUEUE));
        decisions = JdbcDecisionResultStore.on(b.database(Store.DECISION_RESULTS));
        users = JdbcUserStore.on(b.database(Store.USERS));
        keys = JdbcApiKeyStore.on(b.database(Store.USERS));
        integrations = JdbcIntegrationStore.on(b.database(Store.INTEGRATIONS));
        shares = JdbcShareLinkStore.on(b.database(Store.USERS));
    }

    protected void restart() throws Exception {
        close(backend);
        use(reopen());
    }

    protected static <T> T done(java.util.concurrent.CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }

    protected static Throwable failure(java.util.concurrent.CompletionStage<?> stage) {
        try {
            stage.toCompletableFuture().join();
        } catch (CompletionException e) {
            return e.getCause();
        }
        throw new AssertionError("the stage completed normally");
    }

    // --- debates

    @Test
    void aCreatedDebateReadsBackExactlyAfterARestart() throws Exception {
        DebateRecord d = Fixtures.debate("d-1", "org-a", Fixtures.T0);
        done(debates.create(d));
        restart();
        assertThat(debates.find("d-1")).contains(d);
        assertThat(debates.find("nope")).isEmpty();
    }

    @Test
    void aSecondCreateWithTheSameIdFailsAndChangesNothing() {
        done(debates.create(Fixtures.debate("d-1", "org-a", Fixtures.T0)));
        assertThat(failure(debates.create(Fixtures.debate("d-1", "org-b", Fixtures.T0.plusSeconds(5)))))
                .isInstanceOf(StorageException.class).hasMessageContaining("already exists");
        assertThat(debates.find("d-1").orElseThrow().orgId()).isEqualTo("org-a");
    }

    @Test
    void messagesAndEventsAppendOnceInOrderAndPage() {
        done(debates.create(Fixtures.debate("d-1", "org-a", Fixtures.T0)));
        List<Message> ms = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            ms.add(Fixtures.message(i, i % 2 == 0 ? "demo-supportive" : "demo-critical", Fixtures.T0));
        }
        done(debates.append("d-1", ms.subList(0, 10), List.of(Fixtures.event("d-1", 1, Fixtures.T0), Fixtures.event("d-1", 2, Fixtures.T0))));
        done(debates.append("d-1", ms.subList(5, 25), List.of(Fixtures.event("d-1", 2, Fixtures.T0), Fixtures.event("d-1", 3, Fixtures.T0))));
        Message rewritten = new Message(3, "critic", "intruder", "changed", 9, Fixtures.T0);
        done(debates.append("d-1", List.of(rewritten), List.of()));

        Page<Message> page = debates.messages("d-1", 10, 10);
        assertThat(page.total()).isEqualTo(25);
        assertThat(page.items()).containsExactlyElementsOf(ms.subList(10, 20));
        assertThat(debates.messages("d-1", 0, 5).items().get(3)).isEqualTo(ms.get(3));
        List<DebateEvent> events = debates.events("d-1", 1, 100);
        assertThat(events).containsExactly(Fixtures.event("d-1", 2, Fixtures.T0), Fixtures.event("d-1", 3, Fixtures.T0));
    }

    /**
     * An event carrying the text of a message written with it keeps only the message's index; it
     * reads back whole, also after the migration that introduced this is undone and redone.
     */
    @Test
    void anEventStoresItsMessagesTextOnceAndReadsBackWhole() {
        done(debates.create(Fixtures.debate("d-1", "org-a", Fixtures.T0)));
        Message said = Fixtures.message(0, "demo-critical", Fixtures.T0);
        Message other = Fixtures.message(1, "demo-balanced", Fixtures.T0);
        DebateEvent carries = said(1, said.index(), said.content());
        DebateEvent differs = said(2, other.index(), "not what message 1 says");
        DebateEvent unknownIndex = said(3, 7, "message 7 is not in this write");
        DebateEvent indexOnly = new DebateEvent("d-1", 4, EventType.TRICKSTER_INTERVENTION, Fixtures.T0, 1, null,
                Map.of("index", 1, "challenge", "cite a source"));
        List<DebateEvent> events = List.of(carries, differs, unknownIndex, indexOnly);
        done(debates.append("d-1", List.of(said, other), events));

        assertThat(debates.events("d-1", 0, 10)).containsExactlyElementsOf(events);
        long stored = backend.database(Store.ARAGORA).read(c -> Sql.count(c,
                "SELECT COUNT(*) FROM debate_events WHERE debate_id = ? AND message_idx IS NOT NULL AND data NOT LIKE ?", "d-1", "%proposal 0%"));
        assertThat(stored).as("events that refer to their message instead of repeating it").isEqualTo(1);

        List<Migrations.Status> applied = backend.migrations(Store.ARAGORA).status();
        assertThat(applied.get(applied.size() - 1).version()).isEqualTo("11");
        assertThat(backend.migrations(Store.ARAGORA).rollback()).isEqualTo("11");
        assertThat(backend.migrations(Store.ARAGORA).rollback()).isEqualTo("10");
        assertThat(backend.migrations(Store.ARAGORA).rollback()).isEqualTo("9");
        assertThat(backend.migrations(Store.ARAGORA).rollback()).isEqualTo("8");
        assertThat(backend.migrations(Store.ARAGORA).rollback()).isEqualTo("7");
        assertThat(backend.migrations(Store.ARAGORA).rollback()).isEqualTo("5");
        assertThat(backend.migrations(Store.ARAGORA).rollback()).isEqualTo("4");
        List<Map<String, Object>> undone = backend.database(Store.ARAGORA).read(c -> Sql.list(c,
                "SELECT data FROM debate_events WHERE debate_id = ? ORDER BY seq", rs -> json(rs.getString(1)), "d-1"));
        assertThat(undone).as("each event's own text again").containsExactlyElementsOf(events.stream().map(DebateEvent::data).toList());
        assertThat(backend.migrations(Store.ARAGORA).apply()).isEqualTo(7);
        assertThat(debates.events("d-1", 0, 10)).containsExactlyElementsOf(events);
    }

    /**
     * A finished debate's usage is added to its org's rows for its day, once; results stored
     * before the rows existed (here more than 10,000, stored as rows directly) are counted after
     * the migration, with the same totals.
     */
    @Test
    void usageIsCountedOnceAsDebatesEndAndStoredResultsAreCountedAfterTheMigration() {
        JdbcUsageStore usage = JdbcUsageStore.on(backend.database(Store.ARAGORA));
        done(debates.create(Fixtures.debate("d-1", "org-a", Fixtures.T0)));
        done(debates.complete(Fixtures.result("d-1", "org-a", Fixtures.T0)));
        assertThat(done(usage.countPending())).as("counted already, by the write after the result").isZero();
        LocalDate day = LocalDate.of(2026, 11, 22);
        assertThat(usage.usage("org-a", day)).extracting(StorageContract::usageLine).containsExactly(
                "2026-11-22 '' null debates=1 calls=2 in=240 out=160",
                "2026-11-22 'demo-critical' demo-1 debates=1 calls=1 in=120 out=80",
                "2026-11-22 'demo-supportive' demo-1 debates=1 calls=1 in=120 out=80");
        assertThat(usage.usage("org-b", day)).isEmpty();
        assertThat(usage.usage("org-a", day.plusDays(1))).isEmpty();
        assertThat(usage.uncounted()).isZero();

        Database db = backend.database(Store.ARAGORA);
        String[] stored = db.read(c -> Sql.one(c, "SELECT d.spec, r.result FROM debates d JOIN debate_results r ON r.debate_id = d.id"
                + " WHERE d.id = ?", rs -> new String[] {rs.getString(1), rs.getString(2)}, "d-1").orElseThrow());
        assertThat(backend.migrations(Store.ARAGORA).rollback()).isEqualTo("11");
        assertThat(backend.migrations(Store.ARAGORA).rollback()).isEqualTo("10");
        assertThat(backend.migrations(Store.ARAGORA).rollback()).isEqualTo("9");
        int older = 10_050;
        List<Object[]> debateRows = new ArrayList<>();
        List<Object[]> resultRows = new ArrayList<>();
        for (int i = 0; i < older; i++) {
            debateRows.add(new Object[] {"old-" + i, i % 2 == 0 ? "org-a" : "org-b", "u", DebateStatus.CONSENSUS_REACHED, 2, true, stored[0],
                    Fixtures.T0, Fixtures.T0});
            resultRows.add(new Object[] {"old-" + i, DebateStatus.CONSENSUS_REACHED, stored[1], Fixtures.T0.plusSeconds(12)});
        }
        db.writeAndWait(c -> {
            Sql.batch(c, "INSERT INTO debates (id, org_id, created_by, status, rounds_used, consensus_reached, spec, created_ns, updated_ns)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", debateRows);
            Sql.batch(c, "INSERT INTO debate_results (debate_id, status, result, completed_ns) VALUES (?, ?, ?, ?)", resultRows);
            return null;
        });
        assertThat(backend.migrations(Store.ARAGORA).apply()).isEqualTo(3);
        assertThat(usage.uncounted()).isEqualTo(older + 1);
        assertThat(done(usage.countPending())).isEqualTo(older + 1L);
        assertThat(usage.uncounted()).isZero();
        long all = older + 1;
        assertThat(usage.usage(null, day)).extracting(StorageContract::usageLine).containsExactly(
                "2026-11-22 '' null debates=" + all + " calls=" + 2 * all + " in=" + 240 * all + " out=" + 160 * all,
                "2026-11-22 'demo-critical' demo-1 debates=" + all + " calls=" + all + " in=" + 120 * all + " out=" + 80 * all,
                "2026-11-22 'demo-supportive' demo-1 debates=" + all + " calls=" + all + " in=" + 120 * all + " out=" + 80 * all);
        assertThat(usage.usage(null, day).get(0).costUsd()).isCloseTo(0.0024 * all, within(1e-9));
        assertThat(usage.usage("org-a", day).get(0).debates()).isEqualTo(older / 2 + 1);
        assertThat(done(usage.countPending())).as("each debate is counted once").isZero();
    }

    /** A usage row as one line, for comparing. */
    private static String usageLine(UsageRow r) {
        return r.day() + " '" + r.agent() + "' " + r.model() + " debates=" + r.debates() + " calls=" + r.calls() + " in="
                + r.inputTokens() + " out=" + r.outputTokens();
    }

    /**
     * Critique and vote rows are written with the events they come from, phase by phase, so that
     * a debate's end writes only its last phase's; a baseline vote is not one of the debate's votes.
     */
    @Test
    void critiqueAndVoteRowsAreStoredWithTheirEvents() {
        done(debates.create(Fixtures.debate("d-1", "org-a", Fixtures.T0)));
        DebateEvent baseline = vote(1, 1, "demo-critical", "demo-balanced", true);
        DebateEvent critique = said(2, 0, "proposal 0");
        done(debates.append("d-1", List.of(), List.of(baseline, critique)));
        assertThat(tallies("d-1")).containsExactly("critique 1 demo-critical->demo-balanced 4.0");

        DebateEvent voted = vote(3, 1, "demo-critical", "demo-supportive", false);
        done(debates.append("d-1", List.of(), List.of(voted, voted)));
        DebateEvent last = vote(4, 2, "demo-balanced", "demo-critical", false);
        done(debates.complete(Fixtures.result("d-1", "org-a", Fixtures.T0), List.of(), List.of(last)));

        assertThat(tallies("d-1")).containsExactly("critique 1 demo-critical->demo-balanced 4.0",
                "vote 1 demo-critical->demo-supportive 0.7", "vote 2 demo-balanced->demo-critical 0.7");
        assertThat(debates.events("d-1", 0, 10)).containsExactly(baseline, critique, voted, last);
    }

    private List<String> tallies(String debateId) {
        return backend.database(Store.ARAGORA).read(c -> {
            List<String> rows = new ArrayList<>(Sql.list(c, "SELECT round, agent, target, severity FROM debate_critiques"
                    + " WHERE debate_id = ? ORDER BY round, agent, target", rs -> "critique " + rs.getInt(1) + " " + rs.getString(2)
                    + "->" + rs.getString(3) + " " + rs.getDouble(4), debateId));
            rows.addAll(Sql.list(c, "SELECT round, agent, choice, confidence FROM debate_votes WHERE debate_id = ? ORDER BY round, agent",
                    rs -> "vote " + rs.getInt(1) + " " + rs.getString(2) + "->" + rs.getString(3) + " " + rs.getDouble(4), debateId));
            return rows;
        });
    }

    private static DebateEvent vote(long seq, int round, String voter, String choice, boolean baseline) {
        return new DebateEvent("d-1", seq, EventType.VOTE, Fixtures.T0, round, voter, Map.of("choice", choice, "confidence", 0.7,
                "calibrated_confidence", 0.65, "baseline", baseline, "content", voter + " votes for " + choice));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readValue(text, Map.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(text, e);
        }
    }

    private static DebateEvent said(long seq, int index, String content) {
        return new DebateEvent("d-1", seq, EventType.CRITIQUE, Fixtures.T0, 1, "demo-critical",
                Map.of("index", index, "content", content, "severity", 4.0, "target", "demo-balanced"));
    }

    @Test
    void appendingToAnUnknownDebateFailsAndStoresNothing() {
        Throwable e = failure(debates.append("ghost", List.of(Fixtures.message(0, "a", Fixtures.T0)), List.of()));
        assertThat(e).isInstanceOf(StorageException.class).hasMessageContaining("no debate ghost");
        assertThat(debates.messages("ghost", 0, 10).total()).isZero();
    }

    /**
     * Appends queued faster than they commit are taken by one group commit, which runs a run of
     * them as one statement a table: each row still lands in its own debate, and an append to a
     * debate that does not exist fails alone.
     */
    @Test
    void appendsQueuedTogetherLandEachInItsDebateAndOneToAnUnknownDebateFailsAlone() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ids.add("d-" + i);
            done(debates.create(Fixtures.debate("d-" + i, "org-a", Fixtures.T0)));
        }
        List<CompletableFuture<Void>> appends = new ArrayList<>();
        CompletableFuture<Void> ghost = null;
        for (int turn = 0; turn < 3; turn++) {
            for (String id : ids) {
                appends.add(debates.append(id, List.of(Fixtures.message(turn, "agent-" + turn, Fixtures.T0)),
                        List.of(Fixtures.event(id, turn + 1, Fixtures.T0))).toCompletableFuture());
            }
            if (turn == 1) {
                ghost = debates.append("ghost", List.of(Fixtures.message(0, "a", Fixtures.T0)), List.of()).toCompletableFuture();
            }
        }
        appends.forEach(StorageContract::done);

        assertThat(failure(ghost)).isInstanceOf(StorageException.class).hasMessageContaining("no debate ghost");
        assertThat(debates.messages("ghost", 0, 10).total()).isZero();
        for (String id : ids) {
            assertThat(debates.messages(id, 0, 10).items()).extracting(Message::agent).containsExactly("agent-0", "agent-1", "agent-2");
            assertThat(debates.events(id, 0, 10)).extracting(DebateEvent::seq).containsExactly(1L, 2L, 3L);
        }
    }

    @Test
    void anEventOfAnotherDebateIsRefusedBeforeAnythingIsWritten() {
        done(debates.create(Fixtures.debate("d-1", "org-a", Fixtures.T0)));
        assertThatThrownBy(() -> debates.append("d-1", List.of(), List.of(Fixtures.event("d-2", 1, Fixtures.T0))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(debates.events("d-1", 0, 10)).isEmpty();
    }

    /** A running debate's usage is stored with its progress and read back by whoever resumes it; a final debate keeps its end. */
    @Test
    void progressKeepsTheUsageSoFarForWhoeverResumesTheDebate() {
        done(debates.create(Fixtures.debate("d-1", "org-a", Fixtures.T0)));
        assertThat(debates.usage("d-1")).isEmpty();
        UsageTotals soFar = new UsageTotals(120, 80, 0.25, List.of(
                new ai.aragora.api.debate.AgentUsage("demo-critical", "demo-1", 2, 70, 50, 0.15),
                new ai.aragora.api.debate.AgentUsage("demo-supportive", null, 1, 50, 30, 0.1)));
        done(debates.storeProgress("d-1", 2, soFar));
        assertThat(debates.usage("d-1")).contains(soFar);
        DebateRecord d1 = debates.find("d-1").orElseThrow();
        assertThat(d1.status()).isEqualTo(DebateStatus.RUNNING);
        assertThat(d1.roundsUsed()).isEqualTo(2);

        done(debates.updateStatus("d-1", DebateStatus.INTERRUPTED, 2));
        assertThat(failure(debates.storeProgress("d-1", 3, UsageTotals.ZERO))).hasMessageContaining("final");
        assertThat(debates.usage("d-1")).contains(soFar);
    }

    @Test
    void statusMovesUntilFinalThenStays() {
        done(debates.create(Fixtures.debate("d-1", "org-a", Fixtures.T0)));
        done(debates.create(Fixtures.debate("d-2", "org-a", Fixtures.T0.plusSeconds(1))));
        done(debates.updateStatus("d-1", DebateStatus.RUNNING, 1));
        assertThat(debates.unfinished()).extracting(DebateRecord::id).containsExactly("d-1", "d-2");

        done(debates.updateStatus("d-1", DebateStatus.INTERRUPTED, 1));
        assertThat(failure(debates.updateStatus("d-1", DebateStatus.RUNNING, 2))).hasMessageContaining("final");
        DebateRecord d1 = debates.find("d-1").orElseThrow();
        assertThat(d1.status()).isEqualTo(DebateStatus.INTERRUPTED);
        assertThat(d1.roundsUsed()).isEqualTo(1);
        assertThat(debates.unfinished()).extracting(DebateRecord::id).containsExactly("d-2");
    }

    @Test
    void aCompletedResultReadsBackWholeWithItsReceiptAndIsFinal() throws Exception {
        done(debates.create(Fixtures.debate("d-1", "org-a", Fixtures.T0)));
        DebateResult result = Fixtures.result("d-1", "org-a", Fixtures.T0);
        done(debates.complete(result));
        done(debates.attachReceipt("d-1", "rcpt-1"));
        restart();

        assertThat(debates.result("d-1")).contains(result.withReceipt("rcpt-1"));
        DebateRecord d = debates.find("d-1").orElseThrow();
        assertThat(d.status()).isEqualTo(DebateStatus.CONSENSUS_REACHED);
        assertThat(d.consensusReached()).isTrue();
        assertThat(d.roundsUsed()).isEqualTo(2);
        assertThat(debates.messages("d-1", 0, 10).items()).containsExactlyElementsOf(result.messages());
        assertThat(failure(debates.complete(result))).hasMessageContaining("already final");
        assertThat(debates.unfinished()).isEmpty();
    }

    @Test
    void theLastMessagesAndEventsAreStoredWithTheResultOrNotAtAll() throws Exception {
        done(debates.create(Fixtures.debate("d-1", "org-a", Fixtures.T0)));
        DebateResult result = Fixtures.result("d-1", "org-a", Fixtures.T0);
        List<Message> all = result.messages();
        done(debates.append("d-1", all.subList(0, 1), List.of(Fixtures.event("d-1", 1, Fixtures.T0))));
        List<DebateEvent> last = List.of(Fixtures.event("d-1", 2, Fixtures.T0), Fixtures.event("d-1", 3, Fixtures.T0));
        done(debates.complete(result, all.subList(1, all.size()), last));
        restart();

        assertThat(debates.result("d-1")).contains(result);
        assertThat(debates.messages("d-1", 0, 100).items()).containsExactlyElementsOf(all);
        assertThat(debates.events("d-1", 0, 100)).extracting(DebateEvent::seq).containsExactly(1L, 2L, 3L);

        List<DebateEvent> late = List.of(Fixtures.event("d-1", 4, Fixtures.T0));
        assertThat(failure(debates.complete(result, List.of(), late))).hasMessageContaining("already final");
        assertThat(debates.events("d-1", 0, 100)).extracting(DebateEvent::seq).containsExactly(1L, 2L, 3L);
    }

    @Test
    void listingIsPerOrgNewestFirstFilteredAndPaged() {
        for (int i = 0; i < 7; i++) {
            done(debates.create(Fixtures.debate("a-" + i, "org-a", Fixtures.T0.plusSeconds(i))));
        }
        done(debates.create(Fixtures.debate("b-0", "org-b", Fixtures.T0)));
        done(debates.updateStatus("a-2", DebateStatus.RUNNING, 0));

        Page<DebateRecord> page = debates.list("org-a", null, 2, 3);
        assertThat(page.total()).isEqualTo(7);
        assertThat(page.items()).extracting(DebateRecord::id).containsExactly("a-4", "a-3", "a-2");
        assertThat(page.hasMore()).isTrue();
        assertThat(debates.list("org-a", DebateStatus.RUNNING, 0, 10).items()).extracting(DebateRecord::id).containsExactly("a-2");
        assertThat(debates.list("org-b", null, 0, 10).total()).isEqualTo(1);
        assertThat(debates.list(null, null, 0, 3).items()).as("every org's: what the operator lists")
                .extracting(DebateRecord::id).containsExactly("a-6", "a-5", "a-4");
        assertThat(debates.list(null, null, 0, 3).total()).isEqualTo(8);
        assertThat(debates.list(null, DebateStatus.RUNNING, 0, 10).items()).extracting(DebateRecord::id).containsExactly("a-2");
    }

    @Test
    void debatesChangedSinceAnInstantComeOldestChangeFirstPerOrg() {
        Instant since = Fixtures.T0.plusSeconds(10);
        done(debates.create(Fixtures.debate("untouched", "org-a", Fixtures.T0)));
        done(debates.create(Fixtures.debate("started", "org-a", Fixtures.T0)));
        done(debates.create(Fixtures.debate("finished", "org-a", Fixtures.T0)));
        done(debates.create(Fixtures.debate("created", "org-a", Fixtures.T0.plusSeconds(20))));
        done(debates.create(Fixtures.debate("theirs", "org-b", Fixtures.T0.plusSeconds(30))));
        done(debates.updateStatus("started", DebateStatus.RUNNING, 0));
        done(debates.complete(Fixtures.result("finished", "org-a", Instant.now().plusSeconds(60))));

        assertThat(debates.changedSince("org-a", since, 10)).extracting(DebateRecord::id).containsExactly("created", "started", "finished");
        assertThat(debates.changedSince(null, since, 10)).extracting(DebateRecord::id)
                .containsExactly("created", "theirs", "started", "finished");
        assertThat(debates.changedSince(null, since, 2)).extracting(DebateRecord::id).containsExactly("created", "theirs");
        assertThat(debates.changedSince("org-a", Instant.now().plusSeconds(30), 10)).extracting(DebateRecord::id)
                .containsExactly("finished");
    }

    @Test
    void deletingADebateRemovesEverythingAboutIt() {
        done(debates.create(Fixtures.debate("d-1", "org-a", Fixtures.T0)));
        DebateEvent vote = new DebateEvent("d-1", 3, EventType.VOTE, Fixtures.T0, 1, "demo-critical",
                Map.of("choice", "demo-supportive", "confidence", 0.8, "index", 0));
        done(debates.append("d-1", List.of(Fixtures.message(0, "a", Fixtures.T0)),
                List.of(Fixtures.event("d-1", 1, Fixtures.T0), said(2, 0, "a"), vote)));
        done(debates.complete(Fixtures.result("d-1", "org-a", Fixtures.T0)));
        for (String table : List.of("debate_critiques", "debate_votes")) {
            assertThat(rowsOf(table, "d-1")).as(table + " before").isPositive();
        }

        assertThat(debates.delete("d-1")).isTrue();
        assertThat(debates.delete("d-1")).isFalse();
        assertThat(debates.find("d-1")).isEmpty();
        assertThat(debates.result("d-1")).isEmpty();
        assertThat(debates.messages("d-1", 0, 10).total()).isZero();
        assertThat(debates.events("d-1", 0, 10)).isEmpty();
        for (String table : List.of("debate_messages", "debate_events", "debate_critiques", "debate_votes", "debate_results")) {
            assertThat(rowsOf(table, "d-1")).as(table).isZero();
        }
    }

    private long rowsOf(String table, String debateId) {
        return backend.database(Store.ARAGORA).read(c -> Sql.count(c, "SELECT COUNT(*) FROM " + table + " WHERE debate_id = ?", debateId));
    }

    // --- the write path

    @Test
    void queuedWritesShareCommitsAndAFailingOneFailsAlone() throws Exception {
        PooledDatabase db = (PooledDatabase) backend.database(Store.ARAGORA);
        done(debates.create(Fixtures.debate("d-1", "org-a", Fixtures.T0)));
        // Hold the writer threads of both debates' lanes inside a write of their own, so that
        // everything submitted next waits in their queues until they are released.
        CountDownLatch release = new CountDownLatch(1);
        List<CompletableFuture<Object>> blockers = new ArrayList<>();
        java.util.Set<Integer> held = new java.util.HashSet<>();
        for (String key : List.of("d-1", "ghost")) {
            if (!held.add(db.writer().lane(key))) {
                continue;
            }
            CountDownLatch entered = new CountDownLatch(1);
            blockers.add(db.write(key, c -> {
                entered.countDown();
                await(release);
                return null;
            }).toCompletableFuture());
            await(entered);
        }
        int writers = held.size();
        int before = db.writer().commits();
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            writes.add(debates.append("d-1", List.of(Fixtures.message(i, "a", Fixtures.T0)), List.of()).toCompletableFuture());
        }
        CompletableFuture<Void> bad = debates.append("ghost", List.of(Fixtures.message(0, "a", Fixtures.T0)), List.of()).toCompletableFuture();
        release.countDown();
        blockers.forEach(CompletableFuture::join);
        writes.forEach(CompletableFuture::join);

        assertThatThrownBy(bad::join).hasCauseInstanceOf(StorageException.class).hasMessageContaining("no debate ghost");
        assertThat(debates.messages("d-1", 0, 1000).total()).isEqualTo(100);
        // the blockers' own commits, then the 101 queued writes in at most one group per lane
        assertThat(db.writer().commits() - before).isLessThanOrEqualTo(2 * writers);
    }

    /** With several writers, a write waiting on shared rows (ratings, the receipt chain) holds up no debate. */
    @Test
    void debateWritesGoOnWhileASharedRowWriteWaitsWhenThereAreSeveralWriters() throws Exception {
        PooledDatabase db = (PooledDatabase) backend.database(Store.ARAGORA);
        done(debates.create(Fixtures.debate("d-1", "org-a", Fixtures.T0)));
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        CompletableFuture<Object> shared = db.write(c -> {
            entered.countDown();
            await(release);
            return null;
        }).toCompletableFuture();
        await(entered);
        CompletableFuture<Void> append = debates.append("d-1", List.of(Fixtures.message(0, "a", Fixtures.T0)), List.of())
                .toCompletableFuture();
        if (db.writer().threads() > 1) {
            append.get(10, java.util.concurrent.TimeUnit.SECONDS);
        } else {
            Thread.sleep(200);
            assertThat(append).as("one writer: the append waits its turn").isNotDone();
        }
        release.countDown();
        shared.join();
        append.join();
        assertThat(debates.messages("d-1", 0, 10).total()).isEqualTo(1);
    }

    @Test
    void concurrentDebatesLoseNoAcknowledgedMessage() throws Exception {
        int debatesCount = 40;
        int perDebate = 25;
        for (int d = 0; d < debatesCount; d++) {
            done(debates.create(Fixtures.debate("c-" + d, "org-a", Fixtures.T0)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int d = 0; d < debatesCount; d++) {
                String id = "c-" + d;
                runs.add(pool.submit(() -> {
                    for (int i = 0; i < perDebate; i++) {
                        done(debates.append(id, List.of(Fixtures.message(i, "a", Fixtures.T0)), List.of(Fixtures.event(id, i + 1, Fixtures.T0))));
                    }
                    return null;
                }));
            }
            for (Future<?> f : runs) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        restart();
        for (int d = 0; d < debatesCount; d++) {
            assertThat(debates.messages("c-" + d, 0, 100).total()).isEqualTo(perDebate);
            assertThat(debates.events("c-" + d, 0, 100)).hasSize(perDebate);
        }
    }

    // --- ratings

    @Test
    void aMatchIsRecordedOnceWithRatingsHistoryAndPredictions() {
        Instant at = Fixtures.T0;
        List<Rating> rs = List.of(new Rating("alpha", "general", 1516.0, 1, 0, 0, 1), new Rating("beta", "general", 1484.0, 0, 1, 0, 1));
        List<RatingChange> cs = List.of(new RatingChange("alpha", "general", "d-1", 1500, 1516, at),
                new RatingChange("beta", "general", "d-1", 1500, 1484, at));
        List<Prediction> ps = List.of(new Prediction("alpha", "d-1", 0.9, true, at), new Prediction("beta", "d-1", 0.6, false, at));
        done(ratings.recordMatch("d-1", rs, cs, ps));
        done(ratings.recordMatch("d-1", List.of(new Rating("alpha", "general", 9999, 9, 0, 0, 9)), cs, ps));
        done(ratings.recordMatch("d-2", List.of(new Rating("alpha", "general", 1530.0, 2, 0, 0, 2)),
                List.of(new RatingChange("alpha", "general", "d-2", 1516, 1530, at.plusSeconds(60))),
                List.of(new Prediction("alpha", "d-2", 0.7, true, at.plusSeconds(60)))));

        assertThat(ratings.find("alpha", "general")).contains(new Rating("alpha", "general", 1530.0, 2, 0, 0, 2));
        assertThat(ratings.top("general", 10)).extracting(Rating::agent).containsExactly("alpha", "beta");
        assertThat(ratings.history("alpha", 10)).extracting(RatingChange::debateId).containsExactly("d-2", "d-1");
        assertThat(ratings.predictions("alpha")).containsExactly(ps.get(0), new Prediction("alpha", "d-2", 0.7, true, at.plusSeconds(60)));
        assertThat(ratings.find("alpha", "code")).isEmpty();
    }

    // --- receipts

    protected static ChainEntry link(Receipt r, long seq, String prev) {
        return Fixtures.link(r, seq, prev);
    }

    protected ChainEntry issue(String id, Instant at) {
        Receipt r = Fixtures.receipt(id, "d-" + id, at);
        return receipts.append(r, (seq, prev) -> link(r, seq, prev));
    }

    @Test
    void receiptsFormOneChainThatSurvivesARestart() throws Exception {
        ChainEntry first = issue("r-1", Fixtures.T0);
        ChainEntry second = issue("r-2", Fixtures.T0.plusSeconds(1));
        restart();
        ChainEntry third = issue("r-3", Fixtures.T0.plusSeconds(2));

        assertThat(first.prevHash()).isEqualTo(ChainEntry.GENESIS);
        assertThat(second.prevHash()).isEqualTo(first.hash());
        assertThat(third.seq()).isEqualTo(3);
        assertThat(third.prevHash()).isEqualTo(second.hash());
        assertThat(receipts.size()).isEqualTo(3);
        assertThat(receipts.count()).isEqualTo(3);
        assertThat(receipts.entries(2, 10)).containsExactly(second, third);
        assertThat(receipts.entry("r-2")).contains(second);
        assertThat(receipts.find("r-1")).contains(Fixtures.receipt("r-1", "d-r-1", Fixtures.T0));
        assertThat(receipts.list(0, 2)).extracting(Receipt::receiptId).containsExactly("r-3", "r-2");
    }

    @Test
    void receiptsAppendedTogetherLinkInOrderOrNotAtAll() {
        ChainEntry first = issue("r-1", Fixtures.T0);
        List<Receipt> batch = List.of(Fixtures.receipt("r-2", "d-2", Fixtures.T0), Fixtures.receipt("r-3", "d-3", Fixtures.T0));
        List<ChainEntry> entries = receipts.appendAll(batch, batch.stream()
                .<ReceiptStore.ChainLinker>map(r -> (seq, prev) -> link(r, seq, prev)).toList());
        assertThat(entries).extracting(ChainEntry::seq).containsExactly(2L, 3L);
        assertThat(entries.get(0).prevHash()).isEqualTo(first.hash());
        assertThat(entries.get(1).prevHash()).isEqualTo(entries.get(0).hash());
        assertThat(receipts.entries(1, 10)).containsExactly(first, entries.get(0), entries.get(1));

        List<Receipt> withDuplicate = List.of(Fixtures.receipt("r-4", "d-4", Fixtures.T0), Fixtures.receipt("r-2", "d-2", Fixtures.T0));
        assertThatThrownBy(() -> receipts.appendAll(withDuplicate, withDuplicate.stream()
                .<ReceiptStore.ChainLinker>map(r -> (seq, prev) -> link(r, seq, prev)).toList()))
                .isInstanceOf(ReceiptException.class).hasMessageContaining("already stored");
        assertThat(receipts.size()).isEqualTo(3);
        assertThat(receipts.find("r-4")).isEmpty();
    }

    @Test
    void aDuplicateOrMisplacedReceiptIsRefusedAndTheChainStaysAsItWas() {
        ChainEntry first = issue("r-1", Fixtures.T0);
        assertThatThrownBy(() -> issue("r-1", Fixtures.T0)).isInstanceOf(ReceiptException.class).hasMessageContaining("already stored");
        Receipt r2 = Fixtures.receipt("r-2", "d-2", Fixtures.T0);
        assertThatThrownBy(() -> receipts.append(r2, (seq, prev) -> link(r2, seq + 5, prev)))
                .isInstanceOf(ReceiptException.class).hasMessageContaining("does not continue");
        assertThat(receipts.size()).isEqualTo(1);
        assertThat(receipts.find("r-2")).isEmpty();
        assertThat(receipts.entries(1, 10)).containsExactly(first);
    }

    @Test
    void concurrentAppendsNeverFork() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<ChainEntry>> all = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                String id = "r-" + i;
                all.add(pool.submit(() -> issue(id, Fixtures.T0)));
            }
            for (Future<ChainEntry> f : all) {
                f.get(1, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        List<ChainEntry> chain = receipts.entries(1, 100);
        assertThat(chain).hasSize(64);
        String prev = ChainEntry.GENESIS;
        for (int i = 0; i < chain.size(); i++) {
            assertThat(chain.get(i).seq()).isEqualTo(i + 1);
            assertThat(chain.get(i).prevHash()).isEqualTo(prev);
            prev = chain.get(i).hash();
        }
    }

    /** The org is the debate's, joined in the database: pages full of one org's receipts, its own total. */
    @Test
    void anOrgsReceiptsArePagedNewestFirstAndCountedApartFromOtherOrgs() {
        for (int i = 0; i < 4; i++) {
            done(debates.create(Fixtures.debate("da-" + i, "org-a", Fixtures.T0)));
            done(debates.create(Fixtures.debate("db-" + i, "org-b", Fixtures.T0)));
        }
        for (int i = 0; i < 4; i++) {
            for (Receipt r : List.of(Fixtures.receipt("ra-" + i, "da-" + i, Fixtures.T0), Fixtures.receipt("rb-" + i, "db-" + i, Fixtures.T0),
                    Fixtures.receipt("rb-" + i + "-again", "db-" + i, Fixtures.T0))) {
                receipts.append(r, (seq, prev) -> link(r, seq, prev));
            }
        }
        issue("r-of-no-debate", Fixtures.T0);
        // orElseThrow: the store answers itself, joining its debates.
        Page<Receipt> a = receipts.list("org-a", 1, 2).orElseThrow();
        assertThat(a.items()).extracting(Receipt::receiptId).containsExactly("ra-2", "ra-1");
        assertThat(a.total()).isEqualTo(4);
        assertThat(a.hasMore()).isTrue();
        assertThat(receipts.list("org-b", 0, 3).orElseThrow().items()).extracting(Receipt::receiptId)
                .containsExactly("rb-3-again", "rb-3", "rb-2-again");
        Page<Receipt> lastOfB = receipts.list("org-b", 6, 5).orElseThrow();
        assertThat(lastOfB.items()).extracting(Receipt::receiptId).containsExactly("rb-0-again", "rb-0");
        assertThat(lastOfB.total()).isEqualTo(8);
        assertThat(lastOfB.hasMore()).isFalse();
        assertThat(receipts.list("org-c", 0, 10).orElseThrow().items()).isEmpty();
        assertThat(receipts.list("org-c", 0, 10).orElseThrow().total()).isZero();
        assertThat(receipts.count()).isEqualTo(13);
    }

    @Test
    void theFirstCheckpointForATreeSizeIsKept() {
        Checkpoint a = new Checkpoint(5, "aa", "2026-11-22T10:00:00Z", "ed25519-0123456789abcdef", "sig-a");
        receipts.saveCheckpoint(a);
        receipts.saveCheckpoint(new Checkpoint(5, "bb", "2026-11-22T10:05:00Z", "ed25519-0123456789abcdef", "sig-b"));
        receipts.saveCheckpoint(new Checkpoint(9, "cc", "2026-11-22T10:06:00Z", "ed25519-0123456789abcdef", "sig-c"));
        assertThat(receipts.checkpoint(5)).contains(a);
        assertThat(receipts.checkpoints(0, 10)).extracting(Checkpoint::treeSize).containsExactly(9L, 5L);
        assertThat(receipts.checkpoint(6)).isEmpty();
    }

    // --- job queue

    @Test
    void jobsAreClaimedByPriorityThenAgeAndLeasedToOneWorker() {
        String low = done(jobs.enqueue(JobRequest.of("webhooks", "deliver", "{\"n\":1}")));
        String high = done(jobs.enqueue(new JobRequest("webhooks", "deliver", "{\"n\":2}", 10, null, 3)));
        String later = done(jobs.enqueue(new JobRequest("webhooks", "deliver", "{}", 99, Instant.now().plus(Duration.ofHours(1)), 3)));
        done(jobs.enqueue(JobRequest.of("other", "x", "{}")));

        List<Job> claimed = jobs.claim("webhooks", "w1", 5, Duration.ofMinutes(5));
        assertThat(claimed).extracting(Job::id).containsExactly(high, low);
        assertThat(claimed).allSatisfy(j -> {
            assertThat(j.status()).isEqualTo(JobStatus.RUNNING);
            assertThat(j.worker()).isEqualTo("w1");
            assertThat(j.attempts()).isEqualTo(1);
        });
        assertThat(jobs.claim("webhooks", "w2", 5, Duration.ofMinutes(5))).isEmpty();
        assertThat(jobs.find(later).orElseThrow().status()).isEqualTo(JobStatus.PENDING);

        assertThat(done(jobs.complete(high, "w2"))).isFalse();
        assertThat(done(jobs.complete(high, "w1"))).isTrue();
        assertThat(jobs.find(high).orElseThrow().status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(jobs.counts("webhooks")).containsEntry(JobStatus.SUCCEEDED, 1L).containsEntry(JobStatus.RUNNING, 1L)
                .containsEntry(JobStatus.PENDING, 1L);
    }

    @Test
    void aFailingJobRetriesUntilItsAttemptsAreUsedThenIsDead() {
        String id = done(jobs.enqueue(new JobRequest("q", "t", "{}", 0, null, 2)));
        Job first = jobs.claim("q", "w1", 1, Duration.ofMinutes(1)).get(0);
        assertThat(done(jobs.fail(first.id(), "w1", "boom", Duration.ZERO))).isTrue();
        Job retried = jobs.find(id).orElseThrow();
        assertThat(retried.status()).isEqualTo(JobStatus.PENDING);
        assertThat(retried.lastError()).isEqualTo("boom");

        jobs.claim("q", "w2", 1, Duration.ofMinutes(1));
        assertThat(done(jobs.fail(id, "w2", "boom again", Duration.ZERO))).isTrue();
        assertThat(jobs.find(id).orElseThrow().status()).isEqualTo(JobStatus.DEAD);
        assertThat(jobs.claim("q", "w3", 1, Duration.ofMinutes(1))).isEmpty();
    }

    @Test
    void anExpiredLeaseReturnsTheJobAndTheOldWorkerCannotFinishIt() {
        String id = done(jobs.enqueue(JobRequest.of("q", "t", "{}")));
        jobs.claim("q", "slow", 1, Duration.ofNanos(1));
        assertThat(jobs.requeueExpired()).isEqualTo(1);
        Job again = jobs.claim("q", "fast", 1, Duration.ofMinutes(1)).get(0);
        assertThat(again.id()).isEqualTo(id);
        assertThat(again.attempts()).isEqualTo(2);
        assertThat(done(jobs.complete(id, "slow"))).isFalse();
        assertThat(done(jobs.complete(id, "fast"))).isTrue();
    }

    @Test
    void aHeldJobIsRunningForItsWorkerAndItsIdIsTakenOnce() {
        assertThat(done(jobs.hold("debate:d-1", JobRequest.of("debates", "debate", "{}"), "a", Duration.ofMinutes(1)))).isTrue();
        assertThat(done(jobs.hold("debate:d-1", JobRequest.of("debates", "debate", "{}"), "b", Duration.ofMinutes(1)))).isFalse();
        Job held = jobs.find("debate:d-1").orElseThrow();
        assertThat(held.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(held.worker()).isEqualTo("a");
        assertThat(held.attempts()).isEqualTo(1);
        assertThat(jobs.claim("debates", "b", 5, Duration.ofMinutes(1))).isEmpty();
    }

    /** A stopping worker gives its job back: due at once for another worker, without using up an attempt. */
    @Test
    void aReleasedJobIsClaimedAtOnceByAnotherWorkerAndTheAttemptIsNotCounted() {
        done(jobs.hold("debate:d-1", JobRequest.of("debates", "debate", "{}"), "a", Duration.ofMinutes(10)));
        assertThat(done(jobs.release("debate:d-1", "b"))).as("only its holder gives it back").isFalse();
        assertThat(done(jobs.release("debate:d-1", "a"))).isTrue();
        assertThat(done(jobs.release("debate:d-1", "a"))).as("no longer held").isFalse();

        Job taken = jobs.claim("debates", "b", 5, Duration.ofMinutes(1)).get(0);
        assertThat(taken.id()).isEqualTo("debate:d-1");
        assertThat(taken.worker()).isEqualTo("b");
        assertThat(taken.attempts()).as("the release took its attempt back").isEqualTo(1);
        assertThat(jobs.renew("a", List.of("debate:d-1"), Duration.ofMinutes(1))).isEmpty();
    }

    @Test
    void renewingKeepsALeaseAliveAndTellsTheWorkerWhatItLost() throws Exception {
        done(jobs.hold("j-kept", JobRequest.of("q", "t", "{}"), "a", Duration.ofMillis(300)));
        done(jobs.hold("j-lost", JobRequest.of("q", "t", "{}"), "a", Duration.ofMillis(300)));
        done(jobs.hold("j-other", JobRequest.of("q", "t", "{}"), "b", Duration.ofMinutes(1)));
        assertThat(jobs.renew("a", List.of("j-kept"), Duration.ofMinutes(1))).containsExactly("j-kept");
        Thread.sleep(400);
        assertThat(jobs.requeueExpired()).isEqualTo(1);
        Job taken = jobs.claim("q", "c", 5, Duration.ofMinutes(1)).get(0);
        assertThat(taken.id()).isEqualTo("j-lost");
        assertThat(taken.attempts()).isEqualTo(2);
        assertThat(jobs.renew("a", List.of("j-kept", "j-lost", "j-other", "j-none"), Duration.ofMinutes(1)))
                .containsExactly("j-kept");
        assertThat(jobs.renew("a", List.of(), Duration.ofMinutes(1))).isEmpty();
        assertThat(jobs.find("j-kept").orElseThrow().leaseUntil()).isAfter(Instant.now().plusSeconds(30));
    }

    @Test
    void concurrentWorkersClaimEveryJobExactlyOnce() throws Exception {
        int n = 120;
        for (int i = 0; i < n; i++) {
            done(jobs.enqueue(JobRequest.of("q", "t", "{}")));
        }
        ConcurrentLinkedQueue<String> claimed = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < 6; w++) {
                String worker = "w" + w;
                workers.add(pool.submit(() -> {
                    List<Job> got;
                    while (!(got = jobs.claim("q", worker, 7, Duration.ofMinutes(5))).isEmpty()) {
                        got.forEach(j -> claimed.add(j.id()));
                    }
                    return null;
                }));
            }
            for (Future<?> f : workers) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(claimed).hasSize(n);
        assertThat(new HashSet<>(claimed)).hasSize(n);
    }

    // --- decision results

    private static IntegrationRecord integration(String org, String id, Map<String, Object> credentials) {
        Instant now = Instant.parse("2026-01-02T03:04:05.123456789Z");
        return new IntegrationRecord(org, id, id, "My " + id, true, Map.of("channel", "#ops", "retries", 3), credentials, now, now);
    }

    @Test
    void integrationsArePerOrgAndSurviveARestart() throws Exception {
        assertThat(done(integrations.create(integration("org1", "slack", Map.of("bot_token", "plain-1"))))).isTrue();
        assertThat(done(integrations.create(integration("org1", "slack", Map.of())))).as("one per id and org").isFalse();
        assertThat(done(integrations.create(integration("org2", "slack", Map.of())))).isTrue();
        IntegrationRecord disabled = new IntegrationRecord("org1", "github", "github", "GH", false, Map.of(), Map.of(),
                Instant.EPOCH, Instant.EPOCH);
        assertThat(done(integrations.create(disabled))).isTrue();

        assertThat(integrations.list("org1", null, null, 0, 10).items()).extracting(IntegrationRecord::id).containsExactly("github", "slack");
        assertThat(integrations.list("org1", "slack", null, 0, 10).total()).isEqualTo(1);
        assertThat(integrations.list(null, null, true, 0, 10).items()).extracting(IntegrationRecord::orgId).containsExactly("org1", "org2");
        assertThat(integrations.countEnabled()).isEqualTo(2);

        IntegrationRecord renamed = new IntegrationRecord("org1", "slack", "slack", "Renamed", true, Map.of(), Map.of("bot_token", "plain-2"),
                Instant.EPOCH, Instant.parse("2026-02-01T00:00:00Z"));
        assertThat(done(integrations.update(renamed))).isTrue();
        assertThat(done(integrations.update(integration("org3", "slack", Map.of())))).isFalse();
        restart();
        IntegrationRecord read = integrations.find("org1", "slack").orElseThrow();
        assertThat(read.name()).isEqualTo("Renamed");
        assertThat(read.credentials()).containsEntry("bot_token", "plain-2");
        assertThat(read.createdAt()).as("creation time is kept").isEqualTo(Instant.parse("2026-01-02T03:04:05.123456789Z"));
        assertThat(integrations.find("org2", "slack").orElseThrow().settings()).containsEntry("retries", 3);
        assertThat(done(integrations.delete("org1", "slack"))).isTrue();
        assertThat(done(integrations.delete("org1", "slack"))).isFalse();
        assertThat(integrations.find("org1", "slack")).isEmpty();
    }

    @Test
    void credentialsAreListedInResumableBatchesAndReplacedOnlyIfUnchanged() {
        for (int i = 0; i < 7; i++) {
            done(integrations.create(integration("org" + i, "slack", Map.of("bot_token", "t" + i, "signing_secret", "s" + i))));
        }
        done(integrations.create(integration("org9", "generic", Map.of())));
        List<StoredField> all = new ArrayList<>();
        String cursor = null;
        int batches = 0;
        do {
            EncryptedFieldSource.Batch batch = integrations.fields(cursor, 3);
            all.addAll(batch.fields());
            cursor = batch.next();
            batches++;
        } while (cursor != null);
        assertThat(batches).isEqualTo(3);
        assertThat(all).hasSize(14);
        assertThat(all).extracting(f -> f.context().recordId()).contains("org0/slack", "org6/slack");

        StoredField first = all.stream().filter(f -> f.context().recordId().equals("org0/slack")
                && f.context().field().equals("bot_token")).findFirst().orElseThrow();
        Envelope sealed = new Envelope(1, "TEST", "k1", new byte[12], new byte[20]);
        assertThat(integrations.replace(List.of(new EncryptedFieldSource.Reseal(first, sealed)))).isEqualTo(1);
        assertThat(integrations.find("org0", "slack").orElseThrow().credentials().get("bot_token")).isEqualTo(sealed.toMap());
        assertThat(integrations.find("org0", "slack").orElseThrow().credentials()).containsEntry("signing_secret", "s0");
        assertThat(integrations.replace(List.of(new EncryptedFieldSource.Reseal(first, sealed))))
                .as("what was read is no longer there").isZero();

        FieldCensus census = integrations.census(2);
        assertThat(census.byKeyId()).containsExactly(Map.entry("k1", 1L));
        assertThat(census.plaintext()).isEqualTo(13);
        assertThat(census.pending("k1")).isEqualTo(13);
    }

    private Map<String, Object> credentialsOf(String org) {
        return integrations.find(org, "slack").orElseThrow().credentials();
    }

    @Test
    void encryptExistingSealsPlaintextThenRotationReSealsAndARecordUnderARemovedKeyIsNamed() throws Exception {
        for (int i = 0; i < 25; i++) {
            done(integrations.create(integration("org" + i, "slack", Map.of("bot_token", "xoxb-" + i, "client_secret", "cs-" + i))));
        }
        TestFieldEncryption oldKey = new TestFieldEncryption("kold");
        Run dry = run(EncryptExistingCommand.with(oldKey, List.of(integrations), audit), "--all", "--batch-size", "7");
        assertThat(dry.status()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("dry run", "integration-store: 50 fields; 50 plaintext would be sealed",
                "webhook-secrets: no such store is registered");
        assertThat(credentialsOf("org3")).containsEntry("bot_token", "xoxb-3");
        assertThat(audit.actions()).doesNotContain("encryption.migrate");

        Run sealed = run(EncryptExistingCommand.with(oldKey, List.of(integrations), audit), "--integration-store", "--execute",
                "--batch-size", "7");
        assertThat(sealed.status()).as(sealed.err()).isZero();
        assertThat(sealed.out()).contains("50 plaintext sealed");
        assertThat(sealed.err()).contains("integration-store: 50 fields read");
        assertThat(audit.actions()).contains("encryption.migrate");
        Envelope e = Envelope.from(credentialsOf("org3").get("bot_token")).orElseThrow();
        assertThat(e.keyId()).isEqualTo("kold");
        assertThat(oldKey.decrypt(e, IntegrationRecord.credential("org3", "slack", "bot_token"))).isEqualTo("xoxb-3");

        Run again = run(EncryptExistingCommand.with(oldKey, List.of(integrations), audit), "--all", "--execute");
        assertThat(again.out()).contains("0 plaintext sealed, 0 re-sealed from old keys, 50 already under the active key");

        TestFieldEncryption rotated = new TestFieldEncryption("knew", "kold");
        assertThat(run(EncryptExistingCommand.with(rotated, List.of(integrations), audit), "--all", "--execute").out())
                .contains("50 re-sealed from old keys");
        TestFieldEncryption newOnly = new TestFieldEncryption("knew");
        Run status = run(EncryptionStatusCommand.with(newOnly, List.of(integrations)), "status", "--verify");
        assertThat(status.status()).as(status.out()).isZero();
        assertThat(status.out()).contains("integration-store: opened every sealed field: all readable");
        assertThat(status.out()).contains("active key: knew", "integration-store: 50 fields, 50 under knew, 0 plaintext; 0 left");
        for (int i = 0; i < 25; i++) {
            assertThat(newOnly.decrypt(Envelope.from(credentialsOf("org" + i).get("client_secret")).orElseThrow(),
                    IntegrationRecord.credential("org" + i, "slack", "client_secret"))).isEqualTo("cs-" + i);
        }

        // a record sealed under a key nobody configures any more: named, counted, never a crash
        done(integrations.create(integration("orgX", "slack", Map.of("bot_token",
                new TestFieldEncryption("kgone").encrypt("lost", IntegrationRecord.credential("orgX", "slack", "bot_token")).toMap()))));
        Run unknown = run(EncryptExistingCommand.with(newOnly, List.of(integrations), audit), "--all", "--execute");
        assertThat(unknown.status()).isEqualTo(Command.FAILED);
        assertThat(unknown.out()).contains("1 unreadable (unknown_key); sealed under keys not configured: kgone");
        Run unknownStatus = run(EncryptionStatusCommand.with(newOnly, List.of(integrations)), "status", "--verify");
        assertThat(unknownStatus.status()).isEqualTo(Command.FAILED);
        assertThat(unknownStatus.out()).contains("1 under kgone (key not configured: unreadable)", "[1 unknown_key] unreadable");
    }

    /** A run that dies after some batches leaves every field readable; the rerun finishes the rest, sealing nothing twice. */
    @Test
    void anInterruptedRunResumesWithoutSealingTwice() throws Exception {
        for (int i = 0; i < 30; i++) {
            done(integrations.create(integration("org" + String.format("%02d", i), "slack", Map.of("bot_token", "t" + i))));
        }
        TestFieldEncryption provider = new TestFieldEncryption("k1");
        EncryptedFieldSource dying = new EncryptedFieldSource() {
            private int batches;

            @Override
            public String name() {
                return integrations.name();
            }

            @Override
            public Batch fields(String cursor, int records) {
                if (++batches > 2) {
                    throw new IllegalStateException("killed");
                }
                return integrations.fields(cursor, records);
            }

            @Override
            public int replace(List<Reseal> reseals) {
                return integrations.replace(reseals);
            }
        };
        Run killed = run(EncryptExistingCommand.with(provider, List.of(dying), audit), "--all", "--execute", "--batch-size", "10");
        assertThat(killed.status()).isEqualTo(Command.FAILED);
        assertThat(integrations.census(100).byKeyId()).containsEntry("k1", 20L);
        assertThat(integrations.census(100).plaintext()).isEqualTo(10);

        Run rerun = run(EncryptExistingCommand.with(provider, List.of(integrations), audit), "--all", "--execute", "--batch-size", "10");
        assertThat(rerun.out()).contains("10 plaintext sealed", "20 already under the active key");
        for (int i = 0; i < 30; i++) {
            String org = "org" + String.format("%02d", i);
            assertThat(provider.decrypt(Envelope.from(integrations.find(org, "slack").orElseThrow().credentials().get("bot_token"))
                    .orElseThrow(), IntegrationRecord.credential(org, "slack", "bot_token"))).isEqualTo("t" + i);
        }
    }

    @Test
    void encryptExistingSaysWhatItNeeds() throws Exception {
        Run neither = run(EncryptExistingCommand.with(new TestFieldEncryption("k"), List.of(integrations), audit), "--execute");
        assertThat(neither.status()).isEqualTo(Command.USAGE);
        assertThat(neither.err()).contains("--all", "--integration-store");
        Run noProvider = run(EncryptExistingCommand.with(null, List.of(integrations), audit), "--all");
        assertThat(noProvider.status()).isEqualTo(Command.FAILED);
        assertThat(noProvider.err()).contains("no encryption provider");
    }

    @Test
    void decisionResultsAreKeptForAuditAndReplay() {
        DecisionResult a = new DecisionResult("dr-1", "ws-1", "req-1", "debate", "v1", "{\"answer\":1}", false, 1200, Fixtures.T0);
        DecisionResult b = new DecisionResult("dr-2", "ws-1", "req-1", "cache", "v2", "{\"answer\":1}", true, 3, Fixtures.T0.plusSeconds(5));
        DecisionResult c = new DecisionResult("dr-3", "ws-2", "req-9", "debate", "v2", "{}", false, 800, Fixtures.T0.minusSeconds(86400 * 40));
        done(decisions.record(a));
        done(decisions.record(b));
        done(decisions.record(c));
        done(decisions.record(new DecisionResult("dr-1", "ws-x", "req-x", "x", "x", "{}", false, 0, Fixtures.T0)));

        assertThat(decisions.find("dr-1")).contains(a);
        assertThat(decisions.latest("req-1")).contains(b);
        assertThat(decisions.list("ws-1", null, 0, 10).items()).containsExactly(b, a);
        assertThat(decisions.list("ws-1", Fixtures.T0.plusSeconds(1), 0, 10).items()).containsExactly(b);
        assertThat(decisions.before(Fixtures.T0.minusSeconds(86400), 10)).containsExactly(c);
        assertThat(done(decisions.deleteBefore(Fixtures.T0.minusSeconds(86400)))).isEqualTo(1);
        assertThat(decisions.find("dr-3")).isEmpty();
    }

    @Test
    void aDecisionIsRecordedWhenAskedForAndUpdatedAsItEnds() {
        DecisionResult pending = new DecisionResult("dr-p", "ws-1", "key-1", "quick", "v1", null, false, 0, Fixtures.T0,
                "org-1", "pending", "urgent", "{\"input\":\"q\"}", null, null, "dr-0", null, Fixtures.T0);
        DecisionResult other = new DecisionResult("dr-o", "ws-2", "key-2", "debate", "v1", null, false, 0,
                Fixtures.T0.plusSeconds(1), "org-2", "pending", "normal", "{}", null, null, null, null, Fixtures.T0.plusSeconds(1));
        done(decisions.record(pending));
        done(decisions.record(other));
        assertThat(decisions.find("dr-p")).contains(pending);

        DecisionResult completed = pending.with("completed", "{\"answer\":\"yes\"}", "rcpt-1", null, 40, Fixtures.T0.plusSeconds(2));
        assertThat(done(decisions.update(completed))).isTrue();
        assertThat(done(decisions.update(completed.with("failed", null, null, "x", 0, Fixtures.T0)))).isTrue();
        assertThat(done(decisions.update(new DecisionResult("dr-none", "ws", "k", "quick", "", "{}", false, 0, Fixtures.T0))))
                .isFalse();
        assertThat(decisions.find("dr-p").orElseThrow()).extracting(DecisionResult::status, DecisionResult::error,
                DecisionResult::request, DecisionResult::retriedFrom, DecisionResult::priority)
                .containsExactly("failed", "x", "{\"input\":\"q\"}", "dr-0", "urgent");

        assertThat(decisions.list(null, null, null, 0, 10).items()).extracting(DecisionResult::id).containsExactly("dr-o", "dr-p");
        assertThat(decisions.list("org-1", null, null, 0, 10).items()).extracting(DecisionResult::id).containsExactly("dr-p");
        assertThat(decisions.list(null, "pending", null, 0, 10).items()).extracting(DecisionResult::id).containsExactly("dr-o");
        assertThat(decisions.list(null, null, "quick", 0, 10).total()).isEqualTo(1);
        assertThat(decisions.list("org-2", "failed", null, 0, 10).total()).isZero();
    }

    @Test
    void feedbackOnADecisionIsKeptInOrder() {
        DecisionFeedback first = new DecisionFeedback("fb-1", "dr-1", "org-1", null, 4, "clear", "u-1", Fixtures.T0);
        DecisionFeedback second = new DecisionFeedback("fb-2", "dr-1", "org-1", "debate_quality", 2, null, null,
                Fixtures.T0.plusSeconds(1));
        done(decisions.feedback(second));
        done(decisions.feedback(first));
        done(decisions.feedback(new DecisionFeedback("fb-1", "dr-1", "org-1", null, 1, "again", "u-1", Fixtures.T0)));
        assertThat(decisions.feedbackOn("dr-1")).containsExactly(first, second);
        assertThat(decisions.feedbackOn("dr-2")).isEmpty();
    }

    // --- users and API keys

    protected static User user(String id, String email) {
        return new User(id, email, "$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA", "org-a", "member", 0, Fixtures.T0, Fixtures.T0);
    }

    @Test
    void usersAreFoundByIdAndCaseInsensitiveEmailAndEmailsAreUnique() {
        User u = user("u-1", "Ada@Example.com");
        done(users.create(u));
        assertThat(users.find("u-1")).contains(u);
        assertThat(users.findByEmail("ADA@example.COM")).contains(u);
        assertThat(failure(users.create(user("u-2", "ada@example.com")))).hasMessageContaining("already exists")
                .hasMessageNotContaining("argon2");
        assertThat(users.find("u-2")).isEmpty();

        User promoted = new User("u-1", "ada@example.com", "$argon2id$new", "org-a", "admin", 0, u.createdAt(), Fixtures.T0);
        assertThat(done(users.update(promoted))).isTrue();
        assertThat(users.find("u-1").orElseThrow().role()).isEqualTo("admin");
        assertThat(done(users.bumpTokenVersion("u-1"))).contains(1);
        assertThat(done(users.bumpTokenVersion("nobody"))).isEmpty();
        assertThat(users.list("org-a", 0, 10).total()).isEqualTo(1);
    }

    @Test
    void apiKeysBelongToAnExistingUserAreRevokedOnceAndGoWithTheirOwner() {
        done(users.create(user("u-1", "a@example.com")));
        ApiKey key = new ApiKey("k-1", "ara_ab12", "sha256:0f0f", "u-1", "org-a", Fixtures.T0, Optional.empty());
        done(keys.create(key));
        assertThat(failure(keys.create(new ApiKey("k-2", "ara_cd34", "sha256:1e1e", "ghost", "org-a", Fixtures.T0, Optional.empty()))))
                .hasMessageContaining("does not exist");
        assertThat(failure(keys.create(new ApiKey("k-3", "ara_ab12", "sha256:2d2d", "u-1", "org-a", Fixtures.T0, Optional.empty()))))
                .hasMessageContaining("already exists");

        assertThat(keys.findByPrefix("ara_ab12")).contains(key);
        assertThat(done(keys.revoke("k-1", Fixtures.T0.plusSeconds(1)))).isTrue();
        assertThat(done(keys.revoke("k-1", Fixtures.T0.plusSeconds(2)))).isFalse();
        assertThat(keys.find("k-1").orElseThrow().revokedAt()).contains(Fixtures.T0.plusSeconds(1));

        assertThat(done(users.delete("u-1"))).isTrue();
        assertThat(keys.listByOwner("u-1")).isEmpty();
        assertThat(keys.find("k-1")).isEmpty();
    }

    @Test
    void shareLinksAreFoundByTokenHashRevokedOnceAndOutliveARestart() throws Exception {
        ShareLink link = new ShareLink("sh-1", "sha256:0a0a", "deb-1", "org-a", "u-1", Fixtures.T0, Fixtures.T0.plusSeconds(3600),
                Optional.empty());
        done(shares.create(link));
        assertThat(failure(shares.create(new ShareLink("sh-2", "sha256:0a0a", "deb-2", "org-a", "u-1", Fixtures.T0,
                Fixtures.T0.plusSeconds(60), Optional.empty())))).hasMessageContaining("already exists");

        restart();
        assertThat(shares.findByTokenHash("sha256:0a0a")).contains(link);
        assertThat(link.validAt(Fixtures.T0.plusSeconds(3599))).isTrue();
        assertThat(link.validAt(Fixtures.T0.plusSeconds(3600))).isFalse();
        assertThat(done(shares.revoke("sh-1", Fixtures.T0.plusSeconds(1)))).isTrue();
        assertThat(done(shares.revoke("sh-1", Fixtures.T0.plusSeconds(2)))).isFalse();
        assertThat(done(shares.revoke("nope", Fixtures.T0))).isFalse();
        ShareLink revoked = shares.find("sh-1").orElseThrow();
        assertThat(revoked.revokedAt()).contains(Fixtures.T0.plusSeconds(1));
        assertThat(revoked.validAt(Fixtures.T0.plusSeconds(2))).isFalse();
        assertThat(revoked.toString()).doesNotContain("0a0a");
    }

    // --- commands

    protected record Run(int status, String out, String err) {
    }

    protected static Run run(Command command, String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = command.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    protected static StorageConfig storageConfig(int retentionDays) {
        return new StorageConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return StorageConfig.class;
            }

            @Override
            public boolean auto_migrate() {
                return true;
            }

            @Override
            public int receipt_retention_days() {
                return retentionDays;
            }

            @Override
            public int receipt_cleanup_interval_hours() {
                return 24;
            }
        };
    }

    protected static ServerDirs serverDirs(Path dataDir) {
        return serverDirs(dataDir, false);
    }

    /** @param keyConfigured whether ARAGORA_ENCRYPTION_KEY was set, rather than a development key generated */
    protected static ServerDirs serverDirs(Path dataDir, boolean keyConfigured) {
        return new ServerDirs() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return ServerDirs.class;
            }

            @Override
            public String data_dir() {
                return dataDir.toString();
            }

            @Override
            public boolean encryption_key_configured() {
                return keyConfigured;
            }
        };
    }

    @Test
    void migrateRollsBackWhatHasAnUndoScriptAndRefusesWhatHasNot() throws Exception {
        MigrateCommand migrate = new MigrateCommand(backend, audit);
        Run status = run(migrate, "status");
        assertThat(status.status()).isZero();
        assertThat(status.out()).contains("aragora", "users", "job_queue", "decision_results", "up to date");

        List<Migrations.Status> applied = backend.migrations(Store.ARAGORA).status();
        String latest = applied.get(applied.size() - 1).version();
        Run rollback = run(migrate, "rollback", "--store", "aragora");
        assertThat(rollback.status()).as(rollback.err()).isZero();
        assertThat(rollback.out()).contains("rolled back version " + latest);
        assertThat(backend.migrations(Store.ARAGORA).pending()).isEqualTo(1);
        assertThat(run(migrate, "status").out()).contains("1 pending");

        Run refused = run(migrate, "rollback", "--store", "job_queue");
        assertThat(refused.status()).isEqualTo(Command.FAILED);
        assertThat(refused.err()).contains("no undo script", "refusing");
        assertThat(backend.migrations(Store.JOB_QUEUE).pending()).isZero();

        Run apply = run(migrate, "apply");
        assertThat(apply.status()).isZero();
        assertThat(apply.out()).contains("aragora: applied 1");
        assertThat(backend.migrations(Store.ARAGORA).pending()).isZero();
        assertThat(audit.actions()).containsExactly("storage.migrate.rollback", "storage.migrate.rollback", "storage.migrate.apply");
        assertThat(run(migrate, "rollback").status()).isEqualTo(Command.USAGE);
    }

    @Test
    void cleanupArchivesAndRemovesOldReceiptsOnlyWithYesAndKeepsTheChainVerifiable() throws Exception {
        issue("old-1", Instant.now().minus(Duration.ofDays(40)));
        issue("old-2", Instant.now().minus(Duration.ofDays(35)));
        issue("new-1", Instant.now());
        CleanupCommand cleanup = new CleanupCommand(backend, audit, storageConfig(30));

        Run dry = run(cleanup, "--dry-run");
        assertThat(dry.status()).isZero();
        assertThat(dry.out()).contains("receipts older than 30 days", ": 2", "dry run: nothing changed");
        assertThat(receipts.count()).isEqualTo(3);
        assertThat(run(cleanup).status()).isEqualTo(Command.USAGE);

        Path archive = temp.resolve("archive");
        Run yes = run(cleanup, "--yes", "--archive-to", archive.toString());
        assertThat(yes.status()).as(yes.err()).isZero();
        assertThat(receipts.count()).isEqualTo(1);
        assertThat(receipts.find("old-1")).isEmpty();
        assertThat(receipts.size()).isEqualTo(3);
        assertThat(receipts.entry("old-1")).isPresent();
        try (var files = Files.list(archive)) {
            List<String> lines = Files.readAllLines(files.findFirst().orElseThrow());
            assertThat(lines).hasSize(2);
            assertThat(lines.get(0)).contains("\"receipt_id\":\"old-1\"", "\"document\":{");
        }
        assertThat(audit.actions()).containsExactly("storage.cleanup");

        Run check = run(new IntegrityCheckCommand(backend, new ai.aragora.receipts.OdrReceiptVerifier(), audit), new String[0]);
        assertThat(check.status()).as(check.out()).isZero();
        assertThat(check.out()).contains("[PASS] transcripts", "[PASS] receipt chain: 3 entries", "integrity ok");
    }

    @Test
    void theRetentionSchedulerRemovesOnlyExpiredReceiptDocuments() {
        issue("old-1", Instant.now().minus(Duration.ofDays(31)));
        issue("new-1", Instant.now().minus(Duration.ofDays(29)));
        ReceiptRetentionScheduler scheduler = new ReceiptRetentionScheduler(backend, storageConfig(30), null);
        try {
            assertThat(scheduler.runNow(true)).containsEntry("dry_run", true).containsEntry("receipts_expired", 1L)
                    .containsEntry("receipts_deleted", 0);
            assertThat(receipts.find("old-1")).as("a dry run changes nothing").isPresent();
            assertThat(scheduler.runOnce()).isEqualTo(1);
            assertThat(scheduler.runNow(false)).containsEntry("receipts_deleted", 0L).containsEntry("success", true);
            assertThat(scheduler.status()).containsEntry("running", true).containsEntry("interval_hours", 24L)
                    .containsEntry("retention_days", 30);
            @SuppressWarnings("unchecked")
            Map<String, Object> stats = (Map<String, Object>) scheduler.status().get("stats");
            assertThat(stats).containsEntry("total_runs", 2L).containsEntry("total_receipts_deleted", 1L)
                    .containsEntry("failures", 0L).containsEntry("success_rate", 1.0);
        } finally {
            scheduler.deactivate();
        }
        assertThat(receipts.find("old-1")).isEmpty();
        assertThat(receipts.find("new-1")).isPresent();
        assertThat(receipts.entries(1, 10)).hasSize(2);
    }

    // --- helpers

    protected static void await(CountDownLatch latch) {
        try {
            if (!latch.await(1, TimeUnit.MINUTES)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An audit log that remembers what it was told. */
    protected static final class RecordingAudit implements AuditLog {
        private final List<AuditEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public java.util.concurrent.CompletionStage<Void> record(AuditEvent event) {
            events.add(event);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public AuditVerification verify() {
            return new AuditVerification(1, events.size(), List.of());
        }

        public List<String> actions() {
            return events.stream().map(AuditEvent::action).toList();
        }
    }

    /**
     * The webhook outbox's triggers: a debate event webhooks carry, or a receipt, of an org with an
     * active subscription is recorded in {@code webhook_events} in the commit that stores it; a
     * debate's end is recorded too when its spec names a callback URL; nothing else is.
     */
    @Test
    void webhookTriggersRecordAnnouncedEventsInTheirOwnCommit() {
        Database db = backend.database(Store.ARAGORA);
        db.writeAndWait(c -> Sql.update(c, "INSERT INTO webhook_subscriptions (id, org_id, url, sink, events, headers, secrets,"
                + " active, created_ns, updated_ns) VALUES ('wh_1', 'org-a', 'https://a.example/h', 'http', '[]', '{}', '[]', 1, 0, 0)"));
        done(debates.create(Fixtures.debate("d-a", "org-a", Fixtures.T0)));
        done(debates.create(Fixtures.debate("d-b", "org-b", Fixtures.T0)));
        DebateEvent start = new DebateEvent("d-a", 1, EventType.DEBATE_START, Fixtures.T0, 0, null, Map.of());
        done(debates.append("d-a", List.of(), List.of(start, Fixtures.event("d-a", 2, Fixtures.T0))));
        done(debates.append("d-b", List.of(), List.of(new DebateEvent("d-b", 1, EventType.DEBATE_START, Fixtures.T0, 0, null, Map.of()))));
        Receipt r = Fixtures.receipt("r-a", "d-a", Fixtures.T0);
        receipts.append(r, (seq, prev) -> link(r, seq, prev));
        assertThat(webhookEvents(db)).containsExactly("d-a:1", "receipt:r-a");

        assertThatThrownBy(() -> db.writeAndWait(c -> {
            Sql.update(c, "INSERT INTO debate_events (debate_id, seq, type, ts_ns, round, agent, data) VALUES ('d-a', 3, 'DEBATE_END', 0, 0, NULL, '{}')");
            throw new SQLException("the rest of the write failed");
        })).isInstanceOf(StorageException.class);
        assertThat(webhookEvents(db)).as("nothing for a write that rolled back").hasSize(2);

        Map<String, String> callback = new java.util.HashMap<>(Fixtures.spec("org-b").metadata());
        callback.put("callback_url", "https://b.example/done");
        DebateSpec withCallback = DebateSpec.builder("t").orgId("org-b").metadata(callback).build();
        done(debates.create(new DebateRecord("d-c", withCallback, "u", DebateStatus.CREATED, 0, false, Fixtures.T0, Fixtures.T0)));
        done(debates.append("d-c", List.of(), List.of(new DebateEvent("d-c", 1, EventType.DEBATE_START, Fixtures.T0, 0, null, Map.of()),
                new DebateEvent("d-c", 2, EventType.DEBATE_END, Fixtures.T0, 0, null, Map.of("status", "completed")))));
        assertThat(webhookEvents(db)).as("a callback hears only the end").containsExactly("d-a:1", "receipt:r-a", "d-c:2");
    }

    private static List<String> webhookEvents(Database db) {
        return db.read(c -> Sql.list(c, "SELECT debate_id, seq, receipt_id FROM webhook_events ORDER BY id",
                rs -> rs.getString(3) != null ? "receipt:" + rs.getString(3) : rs.getString(1) + ":" + rs.getLong(2)));
    }
}
