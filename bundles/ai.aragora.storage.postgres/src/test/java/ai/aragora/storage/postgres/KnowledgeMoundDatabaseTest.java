package ai.aragora.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.aragora.api.knowledge.KnowledgeQuery;
import ai.aragora.api.knowledge.KnowledgeStore;
import ai.aragora.api.knowledge.NewNode;
import ai.aragora.api.knowledge.NodeKind;
import ai.aragora.api.knowledge.Provenance;
import ai.aragora.storage.jdbc.StorageBackend;
import ai.aragora.storage.jdbc.StorageException;
import ai.aragora.storage.jdbc.Store;
import ai.aragora.storage.jdbc.sql.JdbcDatabases;
import ai.aragora.storage.jdbc.statement.Sql;
import ai.aragora.storage.jdbc.store.JdbcKnowledgeStore;

/** KNOWLEDGE_MOUND_DATABASE_URL: the mound in a database of its own, every other store in the main one. */
class KnowledgeMoundDatabaseTest {

    @TempDir
    Path temp;

    private String main;
    private String mound;
    private PostgresBackend backend;

    @BeforeEach
    void open() throws Exception {
        main = TestPostgres.createDatabase();
        mound = TestPostgres.createDatabase();
        backend = new PostgresBackend(new JdbcDatabases(), new Pool.Target(main, TestPostgres.user(), ""),
                new Pool.Target(mound, TestPostgres.user(), ""), "aragora", 4, Duration.ofSeconds(10), 2, 64, true);
    }

    @AfterEach
    void close() throws Exception {
        backend.close();
        TestPostgres.dropDatabase(main);
        TestPostgres.dropDatabase(mound);
    }

    private static List<String> tables(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url, TestPostgres.user(), "")) {
            return Sql.list(c, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'aragora'"
                    + " AND table_name IN ('km_nodes', 'debates', 'flyway_history_knowledge_mound', 'flyway_history_aragora')"
                    + " ORDER BY table_name", rs -> rs.getString(1));
        }
    }

    @Test
    void theMoundsTablesAndItsHistoryLiveInItsOwnDatabaseAndTheRestInTheMainOne() throws Exception {
        KnowledgeStore store = JdbcKnowledgeStore.on(backend.database(Store.KNOWLEDGE_MOUND));
        store.upsert(new NewNode("acme", "default", NodeKind.CONSENSUS, "Retries back off exponentially", 0.8, Map.of(),
                Provenance.ofDebate("consensus", "d1", null, Instant.now())));

        assertThat(tables(mound)).containsExactly("flyway_history_knowledge_mound", "km_nodes");
        assertThat(tables(main)).containsExactly("debates", "flyway_history_aragora");
        try (Connection c = DriverManager.getConnection(mound, TestPostgres.user(), "")) {
            assertThat(Sql.count(c, "SELECT COUNT(*) FROM aragora.km_nodes")).isEqualTo(1);
        }
        assertThat(store.lexical(KnowledgeQuery.of("acme", null, "retries", 10))).hasSize(1);
        assertThat(backend.migrations(Store.KNOWLEDGE_MOUND).pending()).isZero();
    }

    @Test
    void bothDatabasesAreCheckedAndNamedWithoutCredentials() {
        List<StorageBackend.Check> checks = backend.checkFiles();
        assertThat(checks).hasSize(2).allSatisfy(c -> assertThat(c.ok()).as(c.detail()).isTrue());
        assertThat(checks.get(1).subject()).contains(mound.substring(mound.lastIndexOf('/') + 1));
        assertThat(backend.location()).contains(main.substring(main.lastIndexOf('/') + 1), "Knowledge Mound at");
    }

    @Test
    void aBackupDumpsBothDatabases() throws Exception {
        List<Path> dumps = backend.backup(temp);
        assertThat(dumps).extracting(p -> p.getFileName().toString()).containsExactly("aragora.dump", "knowledge_mound.dump");
        for (Path dump : dumps) {
            assertThat(new String(Arrays.copyOf(Files.readAllBytes(dump), 5), StandardCharsets.US_ASCII)).as(dump.toString())
                    .isEqualTo("PGDMP");
        }
    }

    @Test
    void anUnreachableMoundDatabaseFailsTheStartAndNeverShowsItsPassword() {
        String base = main.substring(0, main.lastIndexOf('/') + 1);
        assertThatThrownBy(() -> new PostgresBackend(new JdbcDatabases(), new Pool.Target(main, TestPostgres.user(), ""),
                new Pool.Target(base + "no_such_mound_x", "postgres", "m0und-Pa55"), "aragora", 4, Duration.ofSeconds(5), 1, 8, true))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("not reachable", "no_such_mound_x")
                .hasMessageNotContaining("m0und-Pa55");
    }
}
