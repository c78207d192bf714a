package ai.aragora.storage.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Test;

import ai.aragora.api.health.ComponentHealth;
import ai.aragora.launcher.spi.Command;
import ai.aragora.storage.jdbc.Fixtures;
import ai.aragora.storage.jdbc.StorageBackend;
import ai.aragora.storage.jdbc.StorageContract;
import ai.aragora.storage.jdbc.StorageException;
import ai.aragora.storage.jdbc.Store;
import ai.aragora.storage.jdbc.ops.DatabaseHealth;
import ai.aragora.storage.jdbc.ops.IntegrityCheckCommand;
import ai.aragora.storage.jdbc.sql.JdbcDatabases;
import ai.aragora.storage.jdbc.sql.Sql;

/** The storage contract on SQLite files in a temporary data dir, and what only SQLite does. */
class SqliteStorageTest extends StorageContract {

    private Path data() {
        return temp.resolve("data");
    }

    @Override
    protected StorageBackend open() {
        return new SqliteBackend(new JdbcDatabases(), data(), 10_000, 4, 512, true);
    }

    @Override
    protected StorageBackend reopen() {
        return open();
    }

    @Override
    protected void close(StorageBackend backend) {
        ((SqliteBackend) backend).close();
    }

    @Test
    void everyStoreIsItsOwnPrivateFileInWalModeWithFullSyncAndForeignKeys() throws Exception {
        for (Store store : Store.values()) {
            Path file = data().resolve(store.fileName());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            List<String> pragmas = backend.database(store).read(c -> List.of(
                    pragma(c, "journal_mode"), pragma(c, "synchronous"), pragma(c, "foreign_keys"), pragma(c, "busy_timeout")));
            assertThat(pragmas).containsExactly("wal", "2", "1", "10000");
        }
        assertThat(Files.exists(data().resolve("aragora.db-wal"))).isTrue();
    }

    private static String pragma(Connection c, String name) throws java.sql.SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** What the stream's late subscriber needs, answered by the index instead of reading every event. */
    @Test
    void theLastEventSeqIsTheHighestStored() {
        done(debates.create(Fixtures.debate("d-1", "org-a", Fixtures.T0)));
        assertThat(debates.lastEventSeq("d-1")).isZero();
        done(debates.append("d-1", List.of(), List.of(Fixtures.event("d-1", 1, Fixtures.T0), Fixtures.event("d-1", 2, Fixtures.T0))));
        done(debates.append("d-1", List.of(), List.of(Fixtures.event("d-1", 3, Fixtures.T0))));
        assertThat(debates.lastEventSeq("d-1")).isEqualTo(3);
        assertThat(debates.lastEventSeq("unknown")).isZero();
    }

    /** Version 3 rebuilds the transcript tables in append order: undoing and redoing it keeps every row. */
    @Test
    void theTranscriptSurvivesRebuildingItsTablesBothWays() {
        done(debates.create(Fixtures.debate("d-1", "org-a", Fixtures.T0)));
        done(debates.append("d-1", List.of(Fixtures.message(0, "a", Fixtures.T0), Fixtures.message(1, "b", Fixtures.T0)),
                List.of(Fixtures.event("d-1", 1, Fixtures.T0), Fixtures.event("d-1", 2, Fixtures.T0))));
        var before = debates.messages("d-1", 0, 10).items();
        var eventsBefore = debates.events("d-1", 0, 10);

        assertThat(backend.migrations(Store.ARAGORA).rollback()).isEqualTo("5");
        assertThat(backend.migrations(Store.ARAGORA).rollback()).isEqualTo("4");
        assertThat(backend.migrations(Store.ARAGORA).rollback()).isEqualTo("3");
        assertThat(debates.messages("d-1", 0, 10).items()).isEqualTo(before);
        long events = backend.database(Store.ARAGORA).read(c -> Sql.count(c, "SELECT COUNT(*) FROM debate_events"));
        assertThat(events).isEqualTo(eventsBefore.size());
        assertThat(backend.migrations(Store.ARAGORA).apply()).isEqualTo(3);
        assertThat(debates.messages("d-1", 0, 10).items()).isEqualTo(before);
        assertThat(debates.events("d-1", 0, 10)).isEqualTo(eventsBefore);

        done(debates.append("d-1", List.of(Fixtures.message(1, "b", Fixtures.T0), Fixtures.message(2, "c", Fixtures.T0)), List.of()));
        assertThat(debates.messages("d-1", 0, 10).items()).as("re-appending stays a no-op").hasSize(3);
        long keyedByDebate = backend.database(Store.ARAGORA).read(c -> Sql.count(c, "SELECT COUNT(*) FROM sqlite_master"
                + " WHERE name IN ('debate_messages', 'debate_events') AND sql LIKE '%WITHOUT ROWID%'"));
        assertThat(keyedByDebate).isZero();
    }

    @Test
    void theReceiptChainRefusesChangesEvenFromSql() {
        issue("r-1", Fixtures.T0);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> backend.database(Store.ARAGORA)
                .writeAndWait(c -> Sql.update(c, "UPDATE receipt_chain SET hash = 'x' WHERE seq = 1")))
                .isInstanceOf(StorageException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> backend.database(Store.ARAGORA)
                .writeAndWait(c -> Sql.update(c, "DELETE FROM receipt_chain")))
                .isInstanceOf(StorageException.class);
        assertThat(receipts.entries(1, 10)).hasSize(1);
    }

    @Test
    void integrityCheckFindsATamperedChainEntryAndADamagedFile() throws Exception {
        issue("r-1", Fixtures.T0);
        issue("r-2", Fixtures.T0.plusSeconds(1));
        backend.database(Store.ARAGORA).writeAndWait(c -> {
            Sql.update(c, "DROP TRIGGER receipt_chain_no_update");
            return Sql.update(c, "UPDATE receipt_chain SET odr_digest = ? WHERE seq = 1", "e".repeat(64));
        });
        Files.write(data().resolve("broken.db"), "SQLite format 3\0 but not really a database".getBytes());

        Run check = run(new IntegrityCheckCommand(backend, new ai.aragora.receipts.OdrReceiptVerifier(), audit));
        assertThat(check.status()).isEqualTo(Command.FAILED);
        assertThat(check.out()).contains("[PASS] " + data().resolve("aragora.db"), "[FAIL] " + data().resolve("broken.db"),
                "entry 1 (r-1) was altered", "INTEGRITY PROBLEMS FOUND");
    }

    @Test
    void aBackupTakenWhileWritingIsConsistentAndComplete() throws Exception {
        done(debates.create(Fixtures.debate("d-1", "org-a", Fixtures.T0)));
        for (int i = 0; i < 50; i++) {
            done(debates.append("d-1", List.of(Fixtures.message(i, "a", Fixtures.T0)), List.of()));
        }
        Files.createFile(data().resolve("workflows.db"));
        var writing = debates.append("d-1", List.of(Fixtures.message(50, "a", Fixtures.T0)), List.of());
        Path target = temp.resolve("backup");

        Run backup = run(new ai.aragora.storage.jdbc.ops.BackupCommand(backend, audit, serverDirs(data())), "--to", target.toString());
        done(writing);
        assertThat(backup.status()).as(backup.err()).isZero();
        assertThat(backup.out()).contains("aragora.db", "users.db", "job_queue.db", "decision_results.db", "workflows.db");
        assertThat(audit.actions()).containsExactly("storage.backup");

        SqliteBackend restored = new SqliteBackend(new JdbcDatabases(), target, 1000, 1, 16, false);
        try {
            long messages = restored.database(Store.ARAGORA).read(c -> Sql.count(c, "SELECT COUNT(*) FROM debate_messages"));
            assertThat(messages).isBetween(50L, 51L);
            assertThat(restored.checkFiles()).allMatch(StorageBackend.Check::ok);
        } finally {
            restored.close();
        }
        assertThat(run(new ai.aragora.storage.jdbc.ops.BackupCommand(backend, audit, serverDirs(data())), "--to", target.toString()).status())
                .isEqualTo(Command.FAILED);
    }

    @Test
    void orphanedSideFilesAreFoundButDatabasesNever() throws Exception {
        Files.writeString(data().resolve("gone.db-wal"), "x");
        Files.writeString(data().resolve("gone.db-shm"), "x");
        assertThat(backend.orphanedFiles()).containsExactly(data().resolve("gone.db-shm"), data().resolve("gone.db-wal"));
        Run yes = run(new ai.aragora.storage.jdbc.ops.CleanupCommand(backend, audit, storageConfig(30)), "--yes");
        assertThat(yes.status()).isZero();
        assertThat(Files.exists(data().resolve("gone.db-wal"))).isFalse();
        for (Store store : Store.values()) {
            assertThat(Files.exists(data().resolve(store.fileName()))).isTrue();
        }
    }

    @Test
    void withoutAutomaticMigrationTheSchemaWaitsForTheOperator() throws Exception {
        close(backend);
        Path fresh = temp.resolve("fresh");
        SqliteBackend pending = new SqliteBackend(new JdbcDatabases(), fresh, 1000, 1, 16, false);
        try {
            DatabaseHealth health = new DatabaseHealth(pending);
            assertThat(pending.migrations(Store.ARAGORA).pending()).isEqualTo(5);
            assertThat(health.check().status()).isEqualTo(ComponentHealth.Status.UNAVAILABLE);
            assertThat(health.check().detail()).contains("pending migrations in aragora, users, job_queue, decision_results");
            for (Store store : Store.values()) {
                pending.migrations(store).apply();
            }
            assertThat(pending.migrations(Store.ARAGORA).pending()).isZero();
            assertThat(health.check()).isEqualTo(ComponentHealth.healthy());
        } finally {
            pending.close();
            use(open());
        }
    }
}
