package ai.aragora.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.NoSuchElementException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.aragora.api.knowledge.NewNode;
import ai.aragora.api.knowledge.NodeKind;
import ai.aragora.api.knowledge.Provenance;
import ai.aragora.api.knowledge.SearchResult;

class MoundAdapterQueriesTest {

    @TempDir
    Path temp;

    private SqliteMound km;

    @AfterEach
    void close() {
        km.close();
    }

    @Test
    void aRunningAdapterAnswersItsReverseQueryInTheCallersOrgAndItsLatencyIsObserved() {
        km = new SqliteMound(temp.resolve("data"), new TestConfig());
        Provenance p = Provenance.ofDebate("answers", "d1", null, Instant.parse("2026-01-01T00:00:00Z"));
        km.mound.add(new NewNode("acme", null, NodeKind.CONSENSUS, "Cap webhook retries at 30 s", 0.8, Map.of(), p));
        km.mound.add(new NewNode("acme", null, NodeKind.FACT, "Webhook retries are logged", 0.8, Map.of(), p));
        km.mound.add(new NewNode("globex", null, NodeKind.CONSENSUS, "Never retry webhooks", 0.8, Map.of(), p));
        km.sync.addAdapter(new AdapterSyncTest.AnswerAdapter());
        MoundAdapterQueries queries = new MoundAdapterQueries(km.sync, km.mound, km.metrics);

        SearchResult found = queries.query("answers", "acme", "webhook retries", 10);

        assertThat(queries.adapters()).containsExactly("answers");
        assertThat(found.hits()).singleElement().satisfies(h -> assertThat(h.node().content()).isEqualTo("Cap webhook retries at 30 s"));
        double[] buckets = km.metrics.reverseLatency.labels("answers").get().buckets;
        assertThat(buckets[buckets.length - 1]).as("one observation in all").isEqualTo(1);
        assertThatThrownBy(() -> queries.query("pulse", "acme", "x", 10)).isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining("no knowledge adapter 'pulse' is running; running: answers");
    }
}
