package ai.aragora.knowledge;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import ai.aragora.api.knowledge.KnowledgeQuery;
import ai.aragora.api.knowledge.ScoredNode;
import ai.aragora.knowledge.embeddings.local.MiniLmEmbeddings;

/**
 * How the lexical and semantic scores of the retrieval set's candidates are best combined: every
 * candidate of both searches, ranked by each formula, and how often the earlier debate is in the
 * top 3. Decision 0018 records the outcome.
 */
public final class FusionStudy {

    private FusionStudy() {
    }

    public static void main(String[] args) throws Exception {
        List<KnowledgeBenchmark.Question> set = KnowledgeBenchmark.questions();
        TestConfig config = new TestConfig();
        try (SqliteMound km = new SqliteMound(Files.createTempDirectory("km-fusion"), config)) {
            List<String> ids = new ArrayList<>();
            for (KnowledgeBenchmark.Question q : set) {
                ids.add(km.mound.add(KnowledgeBenchmark.debate(q)).node().id());
            }
            km.mound.bindEmbeddings(new MiniLmEmbeddings());
            km.mound.reembed(n -> {
            });
            List<List<ScoredNode>> candidates = new ArrayList<>();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < set.size(); i++) {
                for (String p : set.get(i).paraphrases()) {
                    candidates.add(km.mound.search(KnowledgeQuery.of("bench", null, p, KnowledgeQuery.MAX_LIMIT)).hits());
                    expected.add(ids.get(i));
                }
            }
            Map<String, ToDoubleFunction<ScoredNode>> formulas = new java.util.LinkedHashMap<>();
            for (double w : new double[] {0.7, 0.85, 0.9, 0.95, 1.0}) {
                formulas.put(String.format(Locale.ROOT, "linear w=%.2f", w), h -> w * h.semantic() + (1 - w) * h.lexical());
            }
            for (double b : new double[] {0.05, 0.1, 0.2}) {
                formulas.put(String.format(Locale.ROOT, "semantic * (1 + %.2f lexical)", b), h -> h.semantic() * (1 + b * h.lexical()));
            }
            for (String name : formulas.keySet()) {
                ToDoubleFunction<ScoredNode> f = formulas.get(name);
                int top3 = 0;
                for (int q = 0; q < candidates.size(); q++) {
                    List<ScoredNode> ranked = new ArrayList<>(candidates.get(q));
                    ranked.sort(Comparator.comparingDouble(f).reversed());
                    for (int r = 0; r < Math.min(3, ranked.size()); r++) {
                        top3 += ranked.get(r).node().id().equals(expected.get(q)) ? 1 : 0;
                    }
                }
                System.out.printf(Locale.ROOT, "%-34s top-3 %5.1f %%%n", name, 100.0 * top3 / candidates.size());
            }
            // Reciprocal rank fusion: ranks in each list, k = 60.
            int top3 = 0;
            for (int q = 0; q < candidates.size(); q++) {
                List<ScoredNode> c = candidates.get(q);
                Map<String, Double> rrf = new HashMap<>();
                List<ScoredNode> bySem = new ArrayList<>(c);
                bySem.sort(Comparator.comparingDouble(ScoredNode::semantic).reversed());
                List<ScoredNode> byLex = new ArrayList<>(c);
                byLex.removeIf(h -> h.lexical() == 0);
                byLex.sort(Comparator.comparingDouble(ScoredNode::lexical).reversed());
                for (int r = 0; r < bySem.size(); r++) {
                    rrf.merge(bySem.get(r).node().id(), 1.0 / (60 + r), Double::sum);
                }
                for (int r = 0; r < byLex.size(); r++) {
                    rrf.merge(byLex.get(r).node().id(), 1.0 / (60 + r), Double::sum);
                }
                List<String> ranked = rrf.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                        .map(Map.Entry::getKey).limit(3).toList();
                top3 += ranked.contains(expected.get(q)) ? 1 : 0;
            }
            System.out.printf(Locale.ROOT, "%-34s top-3 %5.1f %%%n", "reciprocal rank fusion k=60", 100.0 * top3 / candidates.size());
        }
    }
}
