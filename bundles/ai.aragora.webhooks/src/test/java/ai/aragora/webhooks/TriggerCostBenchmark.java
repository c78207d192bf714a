package ai.aragora.webhooks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import ai.aragora.api.debate.DebateSpec;
import ai.aragora.api.debate.DebateStatus;
import ai.aragora.api.event.DebateEvent;
import ai.aragora.api.event.EventType;
import ai.aragora.api.storage.DebateRecord;
import ai.aragora.storage.jdbc.Database;
import ai.aragora.storage.jdbc.Store;
import ai.aragora.storage.jdbc.sql.JdbcDatabases;
import ai.aragora.storage.jdbc.store.JdbcDebateStore;
import ai.aragora.storage.sqlite.SqliteBackend;

/**
 * What the webhook trigger on {@code debate_events} costs the debate write path, on SQLite: the
 * same appends with the trigger as migrated and with it dropped. Every event is a
 * {@code ROUND_START} (a type the trigger looks at, so each one runs its EXISTS), for debates of
 * an org without subscriptions (the EXISTS finds nothing: pure overhead) while another org has
 * 100. First in one transaction (the statement's own cost, no fsync), then as the engine writes:
 * 200 debates at once, each waiting for its write before the next, through the group commit.
 * {@code java -cp ... ai.aragora.webhooks.TriggerCostBenchmark} (see decision 0016).
 */
public final class TriggerCostBenchmark {

    private static final int IN_ONE = Integer.getInteger("events", 50_000);
    private static final int DEBATES = Integer.getInteger("debates", 200);
    private static final int PER_DEBATE = 50;

    private TriggerCostBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("aragora-bench-trigger");
        try (Managed m = new Managed(dir, Outbox.LOOPBACK_ALLOWED, "")) {
            m.manager.setEncryption(new TestEncryption());
            Instant now = Instant.now();
            for (int i = 0; i < 100; i++) {
                String id = "wh_" + i;
                m.manager.subscriptions().create(new ai.aragora.webhooks.store.Subscription(id, "org-subscribed",
                        "http://127.0.0.1:9/hook", "http", List.of(), null, Map.of(),
                        List.of(m.manager.secrets().seal(id, "whsec_c2Vjb25kLXNlY3JldC1vZi0yNC1ieXRlcyE=", now)), true, false,
                        null, now, now, null));
            }
            Database db = m.backend.database(Store.ARAGORA);
            JdbcDebateStore debates = JdbcDebateStore.on(db);
            String trigger = triggerSql(db);
            // Warm-up, then each run twice, in turn first and second, so that neither always follows the other.
            inOne(debates, "warm", now);
            writePath(debates, "warm", now);
            double[] with = new double[2];
            double[] without = new double[2];
            double[] pathWith = new double[2];
            double[] pathWithout = new double[2];
            for (int round = 0; round < 2; round++) {
                for (boolean on : round == 0 ? new boolean[] {true, false} : new boolean[] {false, true}) {
                    setTrigger(db, trigger, on);
                    (on ? with : without)[round] = inOne(debates, (on ? "with-" : "without-") + round, now);
                    (on ? pathWith : pathWithout)[round] = writePath(debates, (on ? "pw-" : "po-") + round, now);
                }
            }
            System.out.printf("one transaction, %,d ROUND_START events: with the trigger %.2f / %.2f us per event,"
                    + " without %.2f / %.2f us per event%n", IN_ONE, with[0], with[1], without[0], without[1]);
            System.out.printf("write path, %d debates x %d events, each awaited: with the trigger %,.0f / %,.0f events/s,"
                    + " without %,.0f / %,.0f events/s%n", DEBATES, PER_DEBATE, pathWith[0], pathWith[1], pathWithout[0],
                    pathWithout[1]);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            System.exit(0);
        }
    }

    /** Microseconds per event, all appended in one write. */
    private static double inOne(JdbcDebateStore debates, String id, Instant now) {
        create(debates, id, now);
        List<DebateEvent> events = new ArrayList<>(IN_ONE);
        for (int i = 0; i < IN_ONE; i++) {
            events.add(event(id, i + 1));
        }
        long t0 = System.nanoTime();
        debates.append(id, List.of(), events).toCompletableFuture().join();
        return (System.nanoTime() - t0) / 1e3 / IN_ONE;
    }

    /** Events per second, {@code DEBATES} debates each appending one event at a time. */
    private static double writePath(JdbcDebateStore debates, String prefix, Instant now) throws InterruptedException {
        for (int d = 0; d < DEBATES; d++) {
            create(debates, prefix + "-" + d, now);
        }
        List<Thread> threads = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int d = 0; d < DEBATES; d++) {
            String id = prefix + "-" + d;
            Thread t = new Thread(() -> {
                for (int i = 0; i < PER_DEBATE; i++) {
                    debates.append(id, List.of(), List.of(event(id, i + 1))).toCompletableFuture().join();
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        return DEBATES * PER_DEBATE / ((System.nanoTime() - t0) / 1e9);
    }

    private static void create(JdbcDebateStore debates, String id, Instant now) {
        CompletableFuture<?> created = debates.create(new DebateRecord(id, DebateSpec.builder("trigger cost").orgId("org-quiet")
                .build(), "bench", DebateStatus.RUNNING, 0, false, now, now)).toCompletableFuture();
        created.join();
    }

    private static DebateEvent event(String id, long seq) {
        return new DebateEvent(id, seq, EventType.ROUND_START, Instant.now(), 1, null, Map.of("round", seq));
    }

    /** The trigger as migration 5 created it, read back from the schema. */
    private static String triggerSql(Database db) {
        return db.read(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'webhook_debate_events'")) {
                rs.next();
                return rs.getString(1);
            }
        });
    }

    /** Drops the trigger, or puts it back. */
    private static void setTrigger(Database db, String sql, boolean on) {
        db.writeAndWait(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("DROP TRIGGER IF EXISTS webhook_debate_events");
                if (on) {
                    s.execute(sql);
                }
            }
            return null;
        });
    }
}
