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
import ai.aragora.storage.jdbc.statement.Sql;

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

    /** The stream's catch-up after a broker outage reads a range of an index, not every debate sorted. */
    @Test
    void debatesChangedSinceAMomentAreARangeOfAnIndex() {
        done(debates.create(Fixtures.debate("d-1", "org-a", Fixtures.T0)));
        List<String> steps = backend.database(Store.ARAGORA).read(c -> Sql.list(c,
                "EXPLAIN QUERY PLAN SELECT id FROM debates WHERE updated_ns >= ? ORDER BY updated_ns, id LIMIT 500",
                rs -> rs.getString("detail"), Fixtures.T0));
        String plan = String.join("\n", steps);
        assertThat(plan).contains("SEARCH debates USING", "INDEX debates_by_update").doesNotContain("TEMP B-TREE");
        assertThat(debates.changedSince(null, Fixtures.T0, 10)).extracting(r -> r.id()).containsExactly("d-1");
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

        assertThat(backend.migrations(Store.ARAGORA).rollback()).isEqualTo("11");
        assertThat(backend.migrations(Store.ARAGORA).rollback()).isEqualTo("10");
        assertThat(backend.migrations(Store.ARAGORA).rollback()).isEqualTo("9");
        assertThat(backend.migrations(Store.ARAGORA).rollback()).isEqualTo("8");
        assertThat(backend.migrations(Store.ARAGORA).rollback()).isEqualTo("7");
        assertThat(backend.migrations(Store.ARAGORA).rollback()).isEqualTo("5");
        assertThat(backend.migrations(Store.ARAGORA).rollback()).isEqualTo("4");
        assertThat(backend.migrations(Store.ARAGORA).rollback()).isEqualTo("3");
        assertThat(debates.messages("d-1", 0, 10).items()).isEqualTo(before);
        long events = backend.database(Store.ARAGORA).read(c -> Sql.count(c, "SELECT COUNT(*) FROM debate_events"));
        assertThat(events).isEqualTo(eventsBefore.size());
        assertThat(backend.migrations(Store.ARAGORA).apply()).isEqualTo(8);
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
    void compressedBackupsRotateAndOneRestoresIntoAStoppedDataDir() throws Exception {
        done(debates.create(Fixtures.debate("d-1", "org-a", Fixtures.T0)));
        Path backups = temp.resolve("backups");
        for (int i = 0; i < 3; i++) {
            if (i > 0) {
                Thread.sleep(1100);
            }
            Run backup = run(new ai.aragora.storage.jdbc.ops.BackupCommand(backend, audit, serverDirs(data())),
                    "--into", backups.toString(), "--compress", "--keep", "2");
            assertThat(backup.status()).as(backup.err()).isZero();
            assertThat(backup.out()).contains(".tar.gz", "checksums in manifest.json");
        }
        List<Path> kept;
        try (var files = Files.list(backups)) {
            kept = files.sorted().toList();
        }
        assertThat(kept).hasSize(2).allMatch(p -> p.getFileName().toString().matches("\\d{8}T\\d{6}Z\\.tar\\.gz"));

        Path restoredDir = temp.resolve("restored");
        Files.createDirectories(restoredDir);
        Files.writeString(restoredDir.resolve("aragora.db-wal"), "stale");
        Run restore = run(new ai.aragora.storage.jdbc.ops.RestoreCommand(audit, serverDirs(restoredDir)), "--from", kept.get(1).toString());
        assertThat(restore.status()).as(restore.err()).isZero();
        assertThat(restore.out()).contains("restored " + Store.values().length + " databases", "the files it replaced are in");
        assertThat(Files.exists(restoredDir.resolve("aragora.db-wal"))).as("the old database's WAL is moved aside").isFalse();
        SqliteBackend restored = new SqliteBackend(new JdbcDatabases(), restoredDir, 1000, 1, 16, false);
        try {
            assertThat(ai.aragora.storage.jdbc.store.JdbcDebateStore.on(restored.database(Store.ARAGORA)).find("d-1")).isPresent();
        } finally {
            restored.close();
        }
        assertThat(audit.actions()).contains("storage.backup", "storage.restore");
    }

    /** The development key lives in the state dir: a backup sealed with it would be lost with that dir. */
    @Test
    void underAGeneratedDevelopmentKeyBackupsStayPlainAndRestoreWithoutAKey() throws Exception {
        done(debates.create(Fixtures.debate("d-plain", "org-a", Fixtures.T0)));
        ai.aragora.storage.jdbc.TestEncryption generated = new ai.aragora.storage.jdbc.TestEncryption("generated-dev-key");
        Path backups = temp.resolve("plain");
        Run backup = run(new ai.aragora.storage.jdbc.ops.BackupCommand(backend, audit, serverDirs(data(), false), generated),
                "--into", backups.toString(), "--compress");
        assertThat(backup.status()).as(backup.err()).isZero();
        assertThat(backup.out()).contains(".tar.gz (").doesNotContain(".enc", "encrypted with key");
        Path archive;
        try (var files = Files.list(backups)) {
            archive = files.findFirst().orElseThrow();
        }
        assertThat(archive.getFileName().toString()).matches("\\d{8}T\\d{6}Z\\.tar\\.gz");

        Path target = temp.resolve("plain-target");
        Run restore = run(new ai.aragora.storage.jdbc.ops.RestoreCommand(audit, serverDirs(target)), "--from", archive.toString());
        assertThat(restore.status()).as(restore.err()).isZero();
        SqliteBackend restored = new SqliteBackend(new JdbcDatabases(), target, 1000, 1, 16, false);
        try {
            assertThat(ai.aragora.storage.jdbc.store.JdbcDebateStore.on(restored.database(Store.ARAGORA)).find("d-plain")).isPresent();
        } finally {
            restored.close();
        }
    }

    @Test
    void withAnEncryptionKeyEveryBackupIsSealedAndRestoresOnlyWithThatKey() throws Exception {
        done(debates.create(Fixtures.debate("d-sealed", "org-a", Fixtures.T0)));
        ai.aragora.storage.jdbc.TestEncryption key = new ai.aragora.storage.jdbc.TestEncryption("key-2026");
        Path backups = temp.resolve("sealed");
        Run backup = run(new ai.aragora.storage.jdbc.ops.BackupCommand(backend, audit, serverDirs(data(), true), key), "--into",
                backups.toString());
        assertThat(backup.status()).as(backup.err()).isZero();
        assertThat(backup.out()).contains(".tar.gz.enc", "encrypted with key key-2026");
        Path sealed;
        try (var files = Files.list(backups)) {
            sealed = files.findFirst().orElseThrow();
        }
        assertThat(sealed.getFileName().toString()).matches("\\d{8}T\\d{6}Z\\.tar\\.gz\\.enc");
        assertThat(Files.readString(sealed, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("SQLite format 3", "d-sealed");

        Path target = temp.resolve("sealed-target");
        Run noKey = run(new ai.aragora.storage.jdbc.ops.RestoreCommand(audit, serverDirs(target)), "--from", sealed.toString());
        assertThat(noKey.status()).isEqualTo(Command.FAILED);
        assertThat(noKey.err()).contains("encrypted with key 'key-2026'", "ARAGORA_ENCRYPTION_KEY", "nothing was changed");
        Run otherKey = run(new ai.aragora.storage.jdbc.ops.RestoreCommand(audit, serverDirs(target),
                new ai.aragora.storage.jdbc.TestEncryption("key-other")), "--from", sealed.toString());
        assertThat(otherKey.status()).isEqualTo(Command.FAILED);

        Run restore = run(new ai.aragora.storage.jdbc.ops.RestoreCommand(audit, serverDirs(target), key), "--from", sealed.toString());
        assertThat(restore.status()).as(restore.err()).isZero();
        SqliteBackend restored = new SqliteBackend(new JdbcDatabases(), target, 1000, 1, 16, false);
        try {
            assertThat(ai.aragora.storage.jdbc.store.JdbcDebateStore.on(restored.database(Store.ARAGORA)).find("d-sealed")).isPresent();
        } finally {
            restored.close();
        }
    }

    @Test
    @SuppressWarnings("try")
    void restoreRefusesARunningServerAndDamagedOrForeignFilesAndChangesNothing() throws Exception {
        Path backup = temp.resolve("b");
        assertThat(run(new ai.aragora.storage.jdbc.ops.BackupCommand(backend, audit, serverDirs(data())), "--to", backup.toString()).status())
                .isZero();
        assertThat(Files.readString(backup.resolve("manifest.json"))).contains("\"format\" : \"aragora-backup/1\"", "\"sha256\"");
        Path target = temp.resolve("target");
        Files.createDirectories(target);
        Files.writeString(target.resolve("aragora.db"), "the current database");

        try (var server = ai.aragora.launcher.spi.DataDirLock.serving(target).orElseThrow()) {
            Run refused = run(new ai.aragora.storage.jdbc.ops.RestoreCommand(audit, serverDirs(target)), "--from", backup.toString());
            assertThat(refused.status()).isEqualTo(Command.FAILED);
            assertThat(refused.err()).contains("a server is running on", "stop it first");
        }

        Path tampered = temp.resolve("tampered");
        Files.createDirectories(tampered);
        try (var files = Files.list(backup)) {
            for (Path f : files.toList()) {
                Files.copy(f, tampered.resolve(f.getFileName()));
            }
        }
        try (var db = java.nio.channels.FileChannel.open(tampered.resolve("users.db"), java.nio.file.StandardOpenOption.WRITE)) {
            db.write(java.nio.ByteBuffer.wrap(new byte[] {42}), 200);
        }
        Path foreign = temp.resolve("foreign.tar.gz");
        Files.writeString(foreign, "just some text");
        Path truncated = temp.resolve("truncated.tar.gz");
        run(new ai.aragora.storage.jdbc.ops.BackupCommand(backend, audit, serverDirs(data())), "--into", temp.resolve("c").toString(), "--compress");
        try (var files = Files.list(temp.resolve("c"))) {
            byte[] whole = Files.readAllBytes(files.findFirst().orElseThrow());
            Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length / 2));
        }
        for (Path bad : List.of(tampered, foreign, truncated, temp.resolve("missing"))) {
            Run r = run(new ai.aragora.storage.jdbc.ops.RestoreCommand(audit, serverDirs(target)), "--from", bad.toString());
            assertThat(r.status()).as(bad.toString()).isEqualTo(Command.FAILED);
            assertThat(r.err()).as(bad.toString()).containsAnyOf("does not match its checksum", "not an Aragora backup", "truncated",
                    "damaged", "does not exist").doesNotContain("Exception");
            assertThat(Files.readString(target.resolve("aragora.db"))).isEqualTo("the current database");
        }
        try (var files = Files.list(target)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("aragora.db", ".aragora.lock");
        }
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
            assertThat(pending.migrations(Store.ARAGORA).pending()).isEqualTo(10);
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
