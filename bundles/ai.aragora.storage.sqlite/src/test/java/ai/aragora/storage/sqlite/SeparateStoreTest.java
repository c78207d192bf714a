package ai.aragora.storage.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.aragora.api.knowledge.KnowledgeQuery;
import ai.aragora.api.knowledge.KnowledgeStore;
import ai.aragora.api.knowledge.NewNode;
import ai.aragora.api.knowledge.NodeKind;
import ai.aragora.api.knowledge.Provenance;
import ai.aragora.storage.jdbc.Database;
import ai.aragora.storage.jdbc.Migrations;
import ai.aragora.storage.jdbc.SeparateStore;
import ai.aragora.storage.jdbc.StorageBackend;
import ai.aragora.storage.jdbc.Store;
import ai.aragora.storage.jdbc.sql.JdbcDatabases;
import ai.aragora.storage.jdbc.store.JdbcKnowledgeStore;

/**
 * A store registered as separate is served from its own database, not a file of the data dir;
 * its check and backup join the backend's, and it stays open when the backend closes. (The
 * PostgreSQL one is {@code SeparateKnowledgeStore}; here another backend's database stands in.)
 */
class SeparateStoreTest {

    @TempDir
    Path temp;

    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    private SqliteBackend backend(Path dir, List<SeparateStore> separate) {
        SqliteBackend b = new SqliteBackend(new JdbcDatabases(), dir, 5_000, 2, Duration.ofSeconds(10), 64, true, separate);
        opened.add(b::close);
        return b;
    }

    /** The knowledge_mound store of a backend elsewhere, as a separate store. */
    private static SeparateStore elsewhere(SqliteBackend other, List<Path> backedUp) {
        return new SeparateStore() {
            @Override
            public Database database() {
                return other.database(Store.KNOWLEDGE_MOUND);
            }

            @Override
            public Migrations migrations() {
                return other.migrations(Store.KNOWLEDGE_MOUND);
            }

            @Override
            public String location() {
                return "elsewhere";
            }

            @Override
            public StorageBackend.Check check() {
                return new StorageBackend.Check("elsewhere", true, "answers");
            }

            @Override
            public List<Path> backup(Path dir) throws IOException {
                Path file = Files.writeString(dir.resolve("knowledge_mound.dump"), "dump");
                backedUp.add(file);
                return List.of(file);
            }
        };
    }

    @Test
    void theSeparateStoreIsServedFromItsDatabaseAndJoinsChecksAndBackups() throws Exception {
        SqliteBackend other = backend(temp.resolve("other"), List.of());
        List<Path> backedUp = new ArrayList<>();
        Path data = temp.resolve("data");
        SqliteBackend backend = backend(data, List.of(elsewhere(other, backedUp)));

        KnowledgeStore store = JdbcKnowledgeStore.on(backend.database(Store.KNOWLEDGE_MOUND));
        store.upsert(new NewNode("acme", "default", NodeKind.CONSENSUS, "Retries back off exponentially", 0.8, Map.of(),
                Provenance.ofDebate("consensus", "d1", null, Instant.now())));

        assertThat(backend.database(Store.KNOWLEDGE_MOUND)).isSameAs(other.database(Store.KNOWLEDGE_MOUND));
        assertThat(data.resolve(Store.KNOWLEDGE_MOUND.fileName())).as("no file for the separate store").doesNotExist();
        assertThat(data.resolve(Store.ARAGORA.fileName())).exists();
        assertThat(backend.location()).isEqualTo(data + " (knowledge_mound at elsewhere)");
        assertThat(backend.checkFiles()).extracting(StorageBackend.Check::subject).contains("elsewhere");
        List<Path> files = backend.backup(Files.createDirectories(temp.resolve("backup")));
        assertThat(files).contains(temp.resolve("backup").resolve("knowledge_mound.dump")).containsAll(backedUp);
        assertThat(files).anyMatch(p -> p.getFileName().toString().equals(Store.ARAGORA.fileName()));

        backend.close();
        assertThat(JdbcKnowledgeStore.on(other.database(Store.KNOWLEDGE_MOUND)).lexical(KnowledgeQuery.of("acme", null, "retries", 10)))
                .as("closing the backend leaves the separate store to its owner").hasSize(1);
    }
}
