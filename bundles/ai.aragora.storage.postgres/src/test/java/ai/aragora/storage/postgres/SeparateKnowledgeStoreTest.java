package ai.aragora.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ai.aragora.api.knowledge.KnowledgeQuery;
import ai.aragora.api.knowledge.KnowledgeStore;
import ai.aragora.api.knowledge.NewNode;
import ai.aragora.api.knowledge.NodeKind;
import ai.aragora.api.knowledge.Provenance;
import ai.aragora.storage.jdbc.Dialect;
import ai.aragora.storage.jdbc.StorageBackend;
import ai.aragora.storage.jdbc.StorageException;
import ai.aragora.storage.jdbc.Store;
import ai.aragora.storage.jdbc.sql.JdbcDatabases;
import ai.aragora.storage.jdbc.statement.Sql;
import ai.aragora.storage.jdbc.store.JdbcKnowledgeStore;

/** KNOWLEDGE_MOUND_DATABASE_URL beside SQLite storage: the mound's store opened and migrated in a PostgreSQL database of its own. */
class SeparateKnowledgeStoreTest {

    private String mound;
    private SeparateKnowledgeStore separate;

    @BeforeEach
    void open() throws Exception {
        mound = TestPostgres.createDatabase();
        separate = new SeparateKnowledgeStore(new JdbcDatabases(), new Pool.Target(mound, TestPostgres.user(), ""), "aragora", 2,
                Duration.ofSeconds(10), 64, true);
    }

    @AfterEach
    void close() throws Exception {
        separate.close();
        TestPostgres.dropDatabase(mound);
    }

    @Test
    void theMoundsStoreAloneIsMigratedAndServedFromItsDatabase() throws Exception {
        assertThat(separate.database().store()).isEqualTo(Store.KNOWLEDGE_MOUND);
        assertThat(separate.database().dialect()).isEqualTo(Dialect.POSTGRES);
        KnowledgeStore store = JdbcKnowledgeStore.on(separate.database());
        store.upsert(new NewNode("acme", "default", NodeKind.CONSENSUS, "Retries back off exponentially", 0.8, Map.of(),
                Provenance.ofDebate("consensus", "d1", null, Instant.now())));

        try (Connection c = DriverManager.getConnection(mound, TestPostgres.user(), "")) {
            assertThat(Sql.count(c, "SELECT COUNT(*) FROM aragora.km_nodes")).isEqualTo(1);
            assertThat(Sql.list(c, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'aragora'"
                    + " AND table_name LIKE 'flyway_history_%'", rs -> rs.getString(1))).containsExactly("flyway_history_knowledge_mound");
            assertThat(Sql.count(c, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'aragora'"
                    + " AND table_name = 'debates'")).as("no other store's tables").isZero();
        }
        assertThat(store.lexical(KnowledgeQuery.of("acme", null, "retries", 10))).hasSize(1);
        assertThat(separate.migrations().pending()).isZero();
        StorageBackend.Check check = separate.check();
        assertThat(check.ok()).isTrue();
        assertThat(check.subject()).startsWith("postgresql://127.0.0.1").isEqualTo(separate.location());
    }

    @Test
    void anUnreachableDatabaseFailsWithoutShowingItsPassword() {
        String unreachable = "jdbc:postgresql://127.0.0.1:1/nothing";
        assertThatThrownBy(() -> new SeparateKnowledgeStore(new JdbcDatabases(), new Pool.Target(unreachable, "km", "s3cret-pw"),
                "aragora", 2, Duration.ofSeconds(2), 64, true))
                .isInstanceOf(StorageException.class).hasMessageContaining("127.0.0.1:1").hasMessageNotContaining("s3cret-pw");
    }
}
