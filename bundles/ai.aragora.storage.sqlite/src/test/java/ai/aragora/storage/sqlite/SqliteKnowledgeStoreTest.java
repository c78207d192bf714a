package ai.aragora.storage.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.aragora.api.knowledge.KnowledgeQuery;
import ai.aragora.api.knowledge.NewNode;
import ai.aragora.api.knowledge.NodeKind;
import ai.aragora.api.knowledge.Provenance;
import ai.aragora.api.knowledge.ScoredNode;
import ai.aragora.storage.jdbc.KnowledgeStoreContract;
import ai.aragora.storage.jdbc.StorageBackend;
import ai.aragora.storage.jdbc.sql.JdbcDatabases;

/** The knowledge store on SQLite: FTS5 with the porter stemmer. */
class SqliteKnowledgeStoreTest extends KnowledgeStoreContract {

    @Override
    protected StorageBackend open() {
        return new SqliteBackend(new JdbcDatabases(), temp.resolve("data"), 10_000, 4, 512, true);
    }

    @Override
    protected void close(StorageBackend backend) {
        ((SqliteBackend) backend).close();
    }

    private static NewNode node(String content) {
        return new NewNode("acme", "default", NodeKind.CONSENSUS, content, 0.7, Map.of(),
                Provenance.ofDebate("consensus", null, null, Instant.parse("2026-01-01T00:00:00Z")));
    }

    @Test
    void pastTwoThousandMatchesOnlyTheRarerWordsAreRankedAndTheBestMatchesStayFirst() {
        List<NewNode> nodes = new ArrayList<>();
        for (int i = 0; i < 2_100; i++) {
            nodes.add(node("A rollout plan, variant " + i));
        }
        nodes.add(node("Canary rollout before every release"));
        nodes.add(node("A canary rollout for the canary region"));
        nodes.add(node("Canary birds in mines"));
        store.upsertAll(nodes);

        List<ScoredNode> hits = store.lexical(KnowledgeQuery.of("acme", null, "canary rollout", 10));

        // "rollout" matches 2,102 rows: ranked alone it would fill the page; past the limit it is left out.
        assertThat(hits).extracting(h -> h.node().content()).containsExactlyInAnyOrder("Canary rollout before every release",
                "A canary rollout for the canary region", "Canary birds in mines");
        assertThat(hits.get(0).node().content()).isEqualTo("A canary rollout for the canary region");
        assertThat(store.lexical(KnowledgeQuery.of("acme", null, "rollout", 10))).hasSize(10);
    }

    @Test
    void belowTwoThousandMatchesEveryWordIsRanked() {
        List<NewNode> nodes = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            nodes.add(node("A rollout plan, variant " + i));
        }
        nodes.add(node("Canary birds in mines"));
        store.upsertAll(nodes);

        assertThat(store.lexical(KnowledgeQuery.of("acme", null, "canary rollout", 10))).hasSize(10)
                .extracting(h -> h.node().content()).contains("Canary birds in mines");
    }
}
