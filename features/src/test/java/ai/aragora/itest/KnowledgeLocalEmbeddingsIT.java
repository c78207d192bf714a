package ai.aragora.itest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import ai.aragora.api.knowledge.KnowledgeMound;
import ai.aragora.api.knowledge.KnowledgeQuery;
import ai.aragora.api.knowledge.MoundHealth;
import ai.aragora.api.knowledge.NewNode;
import ai.aragora.api.knowledge.NodeKind;
import ai.aragora.api.knowledge.Provenance;
import ai.aragora.api.knowledge.SearchResult;

/**
 * The feature {@code knowledge-local} in a running framework: the model inside the bundle (its
 * runtime's and its tokenizer's native libraries included) embeds the mound's nodes, so that a
 * question that shares no word with a stored fact still finds it.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class KnowledgeLocalEmbeddingsIT extends AragoraTestSupport {

    @Inject
    private KnowledgeMound mound;

    @Override
    protected List<String> features() {
        return List.of("core", "http", "sqlite", "knowledge", "knowledge-local");
    }

    @Before
    public void up() throws Exception {
        await("/readyz", Duration.ofSeconds(60), () -> status("/readyz") == 200);
    }

    @Test
    public void theLocalModelEmbedsNodesAndMeaningFindsWhatWordsDoNot() throws Exception {
        Provenance from = new Provenance(null, null, "itest", 0, null, Instant.now());
        mound.add(new NewNode("acme", null, NodeKind.FACT, "Moving the payments database from MySQL to PostgreSQL paid off", 0.8,
                Map.of(), from));
        mound.add(new NewNode("acme", null, NodeKind.FACT, "Office plants that survive without sunlight: snake plant and ZZ plant", 0.8,
                Map.of(), from));

        await("both nodes' vectors", Duration.ofSeconds(120), () -> {
            MoundHealth.Component e = mound.health().components().get("embeddings");
            return e.active() && e.detail().startsWith("all-minilm-l6-v2-q (ai.aragora.knowledge.embeddings.local): ")
                    && e.detail().contains(": 2 vectors");
        });
        SearchResult found = mound.search(KnowledgeQuery.of("acme", null, "Was switching our billing store to Postgres worth it?", 2));
        assertThat(found.semantic()).isTrue();
        assertThat(found.hits()).isNotEmpty();
        assertThat(found.hits().get(0).node().content()).contains("PostgreSQL");
    }
}
