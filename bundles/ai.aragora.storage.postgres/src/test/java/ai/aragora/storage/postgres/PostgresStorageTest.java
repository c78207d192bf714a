package ai.aragora.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import ai.aragora.api.receipt.ChainEntry;
import ai.aragora.api.receipt.Receipt;
import ai.aragora.api.receipt.ReceiptStore;
import ai.aragora.api.storage.Job;
import ai.aragora.api.storage.JobQueue;
import ai.aragora.api.storage.JobRequest;
import ai.aragora.launcher.spi.Command;
import ai.aragora.storage.jdbc.Fixtures;
import ai.aragora.storage.jdbc.StorageBackend;
import ai.aragora.storage.jdbc.StorageContract;
import ai.aragora.storage.jdbc.StorageException;
import ai.aragora.storage.jdbc.Store;
import ai.aragora.storage.jdbc.ops.BackupCommand;
import ai.aragora.storage.jdbc.sql.JdbcDatabases;
import ai.aragora.storage.jdbc.sql.PooledDatabase;
import ai.aragora.storage.jdbc.statement.Sql;
import ai.aragora.storage.jdbc.store.JdbcJobQueue;
import ai.aragora.storage.jdbc.store.JdbcReceiptStore;

/** The storage contract on a real PostgreSQL, a database per test, and what several instances sharing it need. */
class PostgresStorageTest extends StorageContract {

    private String url;
    private final List<PostgresBackend> others = new ArrayList<>();
    private final List<String> fresh = new ArrayList<>();

    @Override
    protected StorageBackend open() throws Exception {
        url = TestPostgres.createDatabase();
        return reopen();
    }

    @Override
    protected StorageBackend reopen() {
        return new PostgresBackend(new JdbcDatabases(), url, TestPostgres.user(), "", "aragora", 10, 4, 256, true);
    }

    /** Without foreign keys (aragora migration 11) the store keeps transcripts whole, and integrity-check says when something else did not. */
    @Test
    void integrityCheckNamesTranscriptRowsWhoseDebateIsGone() throws Exception {
        ai.aragora.storage.jdbc.Database db = backend.database(Store.ARAGORA);
        db.writeAndWait(c -> Sql.update(c, "INSERT INTO debate_messages (debate_id, idx, role, agent, content, round, ts_ns)"
                + " VALUES ('gone', 0, 'proposer', 'a', 'left behind', 1, 0)"));

        Run check = run(new ai.aragora.storage.jdbc.ops.IntegrityCheckCommand(backend, new ai.aragora.receipts.OdrReceiptVerifier(), null));
        assertThat(check.status()).isEqualTo(Command.FAILED);
        assertThat(check.out()).contains("[FAIL] transcripts: 1 messages, events, critiques or votes belong to no debate",
                "INTEGRITY PROBLEMS FOUND");
    }

    @Override
    protected void close(StorageBackend backend) {
        ((PostgresBackend) backend).close();
    }

    @AfterEach
    void dropDatabase() throws Exception {
        others.forEach(PostgresBackend::close);
        TestPostgres.dropDatabase(url);
        for (String other : fresh) {
            TestPostgres.dropDatabase(other);
        }
    }

    private PostgresBackend secondInstance() {
        PostgresBackend other = (PostgresBackend) reopen();
        others.add(other);
        return other;
    }

    @Test
    void onlyTheStoreWithKeyedWritesGetsSeveralWriters() {
        for (Store store : Store.values()) {
            assertThat(((PooledDatabase) backend.database(store)).writer().threads()).as(store.id()).isEqualTo(store == Store.ARAGORA ? 4 : 1);
        }
    }

    @Test
    void twoInstancesAppendingReceiptsExtendOneChain() throws Exception {
        ReceiptStore a = receipts;
        ReceiptStore b = JdbcReceiptStore.on(secondInstance().database(Store.ARAGORA));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<ChainEntry>> all = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                ReceiptStore store = i % 2 == 0 ? a : b;
                Receipt r = Fixtures.receipt("r-" + i, "d-" + i, Fixtures.T0);
                all.add(pool.submit(() -> store.append(r, (seq, prev) -> link(r, seq, prev))));
            }
            for (Future<ChainEntry> f : all) {
                f.get(1, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        List<ChainEntry> chain = receipts.entries(1, 100);
        assertThat(chain).extracting(ChainEntry::seq).containsExactlyElementsOf(
                java.util.stream.LongStream.rangeClosed(1, 60).boxed().toList());
        for (int i = 1; i < chain.size(); i++) {
            assertThat(chain.get(i).prevHash()).isEqualTo(chain.get(i - 1).hash());
        }
    }

    @Test
    void twoInstancesClaimEveryJobExactlyOnce() throws Exception {
        JobQueue other = JdbcJobQueue.on(secondInstance().database(Store.JOB_QUEUE));
        for (int i = 0; i < 150; i++) {
            done(jobs.enqueue(JobRequest.of("q", "t", "{}")));
        }
        ConcurrentLinkedQueue<String> claimed = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                JobQueue queue = w % 2 == 0 ? jobs : other;
                String worker = "instance" + (w % 2) + "-w" + w;
                workers.add(pool.submit(() -> {
                    List<Job> got;
                    while (!(got = queue.claim("q", worker, 5, Duration.ofMinutes(5))).isEmpty()) {
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
        assertThat(claimed).hasSize(150);
        assertThat(new HashSet<>(claimed)).hasSize(150);
    }

    @Test
    void whenAnInstanceStopsRenewingTheOthersTakeEachOfItsJobsOverOnce() throws Exception {
        JobQueue b = JdbcJobQueue.on(secondInstance().database(Store.JOB_QUEUE));
        JobQueue c = JdbcJobQueue.on(secondInstance().database(Store.JOB_QUEUE));
        List<String> ofA = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ofA.add("debate:a-" + i);
            done(jobs.hold("debate:a-" + i, JobRequest.of("debates", "debate", "{}"), "a", Duration.ofMillis(500)));
            done(b.hold("debate:b-" + i, JobRequest.of("debates", "debate", "{}"), "b", Duration.ofMillis(500)));
        }
        // b keeps renewing; a has died and does not
        assertThat(b.claim("debates", "b", 100, Duration.ofSeconds(30))).isEmpty();
        Thread.sleep(250);
        List<String> ofB = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ofB.add("debate:b-" + i);
        }
        assertThat(b.renew("b", ofB, Duration.ofSeconds(30))).hasSize(40);
        Thread.sleep(400);
        ConcurrentLinkedQueue<String> taken = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> sweepers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                JobQueue queue = w % 2 == 0 ? b : c;
                String worker = w % 2 == 0 ? "b" : "c";
                sweepers.add(pool.submit(() -> {
                    for (int round = 0; round < 20; round++) {
                        queue.requeueExpired();
                        queue.claim("debates", worker, 3, Duration.ofSeconds(30)).forEach(j -> taken.add(j.id()));
                    }
                    return null;
                }));
            }
            for (Future<?> f : sweepers) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(taken).containsExactlyInAnyOrderElementsOf(ofA);
        assertThat(jobs.renew("a", ofA, Duration.ofSeconds(30))).isEmpty();
        assertThat(b.renew("b", ofB, Duration.ofSeconds(30))).hasSize(40);
    }

    @Test
    void theReceiptChainRefusesChangesEvenFromSql() {
        issue("r-1", Fixtures.T0);
        assertThatThrownBy(() -> backend.database(Store.ARAGORA)
                .writeAndWait(c -> Sql.update(c, "UPDATE receipt_chain SET hash = 'x' WHERE seq = 1")))
                .isInstanceOf(StorageException.class);
        assertThat(receipts.entries(1, 10)).hasSize(1);
    }

    @Test
    void backupIsAPgDumpInCustomFormatWithAManifest() throws Exception {
        Run backup = run(new BackupCommand(backend, audit, serverDirs(temp)), "--to", temp.resolve("b").toString());
        assertThat(backup.status()).as(backup.err()).isZero();
        assertThat(backup.out()).contains("aragora.dump", "sha256");
        byte[] magic = java.util.Arrays.copyOf(java.nio.file.Files.readAllBytes(temp.resolve("b").resolve("aragora.dump")), 5);
        assertThat(new String(magic, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PGDMP");
        assertThat(java.nio.file.Files.readString(temp.resolve("b").resolve("manifest.json"))).contains("\"backend\" : \"postgres\"");
    }

    @Test
    void aWrongPasswordIsAClearErrorThatNeverShowsThePassword() {
        String base = url.substring(0, url.lastIndexOf('/') + 1);
        assertThatThrownBy(() -> new PostgresBackend(new JdbcDatabases(), base + "no_such_database_x", "postgres", "s3cr3t-Pa55", "aragora", 2, 1, 8, true))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("not reachable")
                .hasMessageNotContaining("s3cr3t-Pa55");
    }

    @Test
    void aPasswordInTheUrlsQueryIsNeitherInTheLocationNorInTheError() {
        String base = url.substring(0, url.lastIndexOf('/') + 1);
        assertThatThrownBy(() -> new PostgresBackend(new JdbcDatabases(), base + "no_such_database_x?password=s3cr3t-Pa55", "postgres", "", "aragora",
                2, 1, 8, true))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("not reachable")
                .hasMessageNotContaining("s3cr3t-Pa55");
        assertThat(backend.location()).doesNotContain("?");
    }

    @Test
    void theTablesLiveInTheConfiguredSchemaWithOneHistoryPerStore() {
        List<String> tables = backend.database(Store.ARAGORA).read(c -> Sql.list(c,
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'aragora' AND table_name LIKE 'flyway_history_%'"
                        + " ORDER BY table_name", rs -> rs.getString(1)));
        assertThat(tables).containsExactly("flyway_history_aragora", "flyway_history_decision_results", "flyway_history_integrations",
                "flyway_history_job_queue", "flyway_history_knowledge_mound", "flyway_history_users");
    }

    @Test
    void instancesStartingTogetherOnAnEmptyDatabaseMigrateItOnceAndAllStart() throws Exception {
        String empty = freshDatabase();
        int instances = 8;
        ExecutorService starts = Executors.newFixedThreadPool(instances);
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(instances);
        try {
            List<Future<PostgresBackend>> opened = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                opened.add(starts.submit(() -> {
                    together.await();
                    return new PostgresBackend(new JdbcDatabases(), empty, TestPostgres.user(), "", "aragora", 4, 1, 16, true);
                }));
            }
            for (Future<PostgresBackend> f : opened) {
                PostgresBackend b = f.get(120, TimeUnit.SECONDS);
                others.add(b);
                assertThat(b.migrations(Store.ARAGORA).pending()).isZero();
            }
        } finally {
            starts.shutdownNow();
        }
    }

    /**
     * The lock itself, without relying on a race: while another session holds it, an instance
     * starting on an empty database waits for it and creates nothing; once it is released, the
     * instance migrates and opens.
     */
    @Test
    void anInstanceStartingWhileAnotherMigratesWaitsForTheMigrationLock() throws Exception {
        String empty = freshDatabase();
        ExecutorService start = Executors.newSingleThreadExecutor();
        try (Connection holder = DriverManager.getConnection(empty, TestPostgres.user(), "")) {
            execute(holder, "SELECT pg_advisory_lock(" + MigrationLock.KEY + ")");
            Future<PostgresBackend> opening = start.submit(
                    () -> new PostgresBackend(new JdbcDatabases(), empty, TestPostgres.user(), "", "aragora", 4, 1, 16, true));
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (!waitsForAnAdvisoryLock(holder) && !opening.isDone() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(opening.isDone()).as("the instance opened while another held the migration lock").isFalse();
            assertThat(waitsForAnAdvisoryLock(holder)).as("the instance waits for the migration lock").isTrue();
            assertThat(count(holder, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'aragora'"))
                    .as("tables created while the lock was held").isZero();

            execute(holder, "SELECT pg_advisory_unlock(" + MigrationLock.KEY + ")");
            PostgresBackend b = opening.get(2, TimeUnit.MINUTES);
            others.add(b);
            assertThat(b.migrations(Store.ARAGORA).pending()).isZero();
        } finally {
            start.shutdownNow();
        }
    }

    private String freshDatabase() throws Exception {
        String created = TestPostgres.createDatabase();
        fresh.add(created);
        return created;
    }

    private static boolean waitsForAnAdvisoryLock(Connection c) throws SQLException {
        return count(c, "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
                + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())") > 0;
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
