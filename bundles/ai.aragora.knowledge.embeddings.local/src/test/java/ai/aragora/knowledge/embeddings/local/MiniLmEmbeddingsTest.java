package ai.aragora.knowledge.embeddings.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MiniLmEmbeddingsTest {

    private static MiniLmEmbeddings model;

    @BeforeAll
    static void load() {
        model = new MiniLmEmbeddings();
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    @Test
    void paraphrasesAreCloserThanUnrelatedQuestions() {
        List<float[]> v = model.embed(List.of(
                "Should we migrate the billing service from MySQL to PostgreSQL?",
                "Is it worth moving our payments database off MySQL onto Postgres?",
                "Which office plants survive without sunlight?"));

        assertThat(v).hasSize(3).allSatisfy(x -> assertThat(x).hasSize(MiniLmEmbeddings.DIMENSIONS));
        assertThat(cosine(v.get(0), v.get(1))).isGreaterThan(0.6).isGreaterThan(cosine(v.get(0), v.get(2)) + 0.4);
        assertThat(model.model()).isEqualTo("all-minilm-l6-v2-q");
    }

    @Test
    void vectorsAreTheModelsOwnWhateverTheTextsEmbeddedWithThem() {
        List<String> texts = List.of("retry with jitter",
                "Should we split the monolith into services before the team doubles, or after the product settles?",
                "A".repeat(3_000));
        List<float[]> ours = model.embed(texts);
        dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel reference =
                new dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel();
        for (int i = 0; i < 2; i++) {
            float[] expected = reference.embed(texts.get(i)).content().vector();
            assertThat(cosine(ours.get(i), expected)).as(texts.get(i)).isGreaterThan(0.9999);
        }
        assertThat(ours.get(2)).hasSize(MiniLmEmbeddings.DIMENSIONS);
        double norm = 0;
        for (float x : ours.get(1)) {
            norm += x * x;
        }
        assertThat(norm).as("unit length").isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void theSameTextAlwaysGetsTheSameVectorAndABlankOneGetsOne() {
        float[] a = model.embed(List.of("retry with jitter")).get(0);
        float[] b = model.embed(List.of("retry with jitter", "  ")).get(0);
        assertThat(b).containsExactly(a);
        assertThat(model.embed(List.of("")).get(0)).hasSize(MiniLmEmbeddings.DIMENSIONS);
    }
}
