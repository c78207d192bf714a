package ai.aragora.knowledge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import ai.aragora.api.knowledge.EmbeddingProvider;

/**
 * A stand-in model whose meaning is a fixed table: words of one concept share a dimension, so
 * "car" and "automobile" are close though they share no letters. Counts its calls.
 */
final class ConceptEmbeddings implements EmbeddingProvider {

    private static final Map<String, Integer> CONCEPTS = Map.ofEntries(
            Map.entry("car", 0), Map.entry("automobile", 0), Map.entry("vehicle", 0), Map.entry("fleet", 0),
            Map.entry("database", 1), Map.entry("postgres", 1), Map.entry("sqlite", 1),
            Map.entry("outage", 2), Map.entry("incident", 2), Map.entry("downtime", 2),
            Map.entry("price", 3), Map.entry("cost", 3), Map.entry("budget", 3));

    volatile int calls;
    volatile boolean failing;
    /** Calls that succeed before every further one fails. */
    volatile int failAfter = Integer.MAX_VALUE;

    @Override
    public String model() {
        return "concepts-v1";
    }

    @Override
    public int dimensions() {
        return 5;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        calls++;
        if (failing || calls > failAfter) {
            throw new ai.aragora.api.knowledge.EmbeddingException("the model is not loaded");
        }
        List<float[]> out = new ArrayList<>();
        for (String text : texts) {
            float[] v = new float[5];
            v[4] = 0.1f;
            for (String w : text.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
                Integer c = CONCEPTS.get(w);
                if (c != null) {
                    v[c] += 1;
                }
            }
            out.add(v);
        }
        return out;
    }
}
