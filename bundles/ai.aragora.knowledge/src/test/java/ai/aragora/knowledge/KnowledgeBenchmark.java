package ai.aragora.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import ai.aragora.api.cluster.MemorySharedCache;
import ai.aragora.api.knowledge.EmbeddingProvider;
import ai.aragora.api.knowledge.KnowledgeQuery;
import ai.aragora.api.knowledge.NewNode;
import ai.aragora.api.knowledge.NodeKind;
import ai.aragora.api.knowledge.Provenance;
import ai.aragora.api.knowledge.ScoredNode;
import ai.aragora.knowledge.embeddings.local.MiniLmEmbeddings;

/**
 * The numbers of decision 0018, on SQLite in a temp dir:
 * <ol>
 * <li>retrieval quality: 101 earlier debates (question and decision, as the consensus adapter
 * writes them), each asked again in two paraphrases; how often the earlier debate is in the top 3
 * (and first), lexical only and hybrid with all-MiniLM-L6-v2, at several lexical boosts;</li>
 * <li>lexical ingest of 100,000 nodes, batched;</li>
 * <li>embedding throughput of the local model, batched, with and without storing the vectors;</li>
 * <li>search and recall latency over 100,000 nodes: lexical, and hybrid with the question embedded
 * by the real model (the nodes' vectors are random unit vectors, so that 100,000 of them need not
 * be computed: the scan costs the same).</li>
 * </ol>
 */
public final class KnowledgeBenchmark {

    private static final String ORG = "bench";
    /** Now: nodes stamped long ago would be cooled and decayed by the mound's hourly pass while the benchmark runs. */
    private static final Instant T0 = Instant.now();

    record Question(String question, String decision, List<String> paraphrases) {
    }

    private KnowledgeBenchmark() {
    }

    /**
     * All parts, or those named: {@code quality}, {@code embedding}, {@code sketch}, {@code scale}; {@code scale=N} runs the scale part on
     * N nodes instead of 100,000, and {@code search-only} leaves out its recall and cache lines.
     */
    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("km-bench");
        MiniLmEmbeddings model = new MiniLmEmbeddings();
        List<Question> set = questions();
        List<String> parts = new ArrayList<>(args.length == 0 ? List.of("quality", "embedding", "scale") : List.of(args));
        int nodes = 100_000;
        for (String p : List.copyOf(parts)) {
            if (p.startsWith("scale=")) {
                nodes = Integer.parseInt(p.substring("scale=".length()));
                parts.add("scale");
            }
        }
        if (parts.contains("quality")) {
            quality(dir.resolve("quality"), set, model);
        }
        if (parts.contains("embedding")) {
            embedding(dir.resolve("embed"), set, model);
        }
        if (parts.contains("sketch")) {
            sketch(set, model, 10_000);
        }
        if (parts.contains("scale")) {
            scale(dir.resolve("scale"), set, model, nodes, !parts.contains("search-only"));
        }
    }

    static List<Question> questions() throws IOException {
        List<Question> out = new ArrayList<>();
        try (InputStream in = KnowledgeBenchmark.class.getResourceAsStream("/retrieval-set.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                out.add(new Question(f[0], f[1], List.of(f[2], f[3])));
            }
        }
        return out;
    }

    static NewNode debate(Question q) {
        return new NewNode(ORG, null, NodeKind.CONSENSUS, "Question: " + q.question() + "\nDecision (approved, confidence 0.80): "
                + q.decision(), 0.8, Map.of(), Provenance.ofDebate("consensus", null, null, T0));
    }

    private static void quality(Path dir, List<Question> set, EmbeddingProvider model) {
        TestConfig config = new TestConfig();
        try (SqliteMound km = new SqliteMound(dir, config)) {
            List<String> ids = new ArrayList<>();
            for (Question q : set) {
                ids.add(km.mound.add(debate(q)).node().id());
            }
            System.out.printf(Locale.ROOT, "retrieval quality: %d earlier debates, %d paraphrases%n", set.size(), set.size() * 2);
            report("lexical only", km.mound, set, ids);
            km.mound.bindEmbeddings(model);
            km.mound.reembed(n -> {
            });
            for (double b : new double[] {0, 0.05, 0.2, 1.0}) {
                config.lexicalBoost = b;
                report(String.format(Locale.ROOT, "hybrid, lexical boost %.2f", b), km.mound, set, ids);
            }
        }
    }

    private static void report(String label, Mound mound, List<Question> set, List<String> ids) {
        int top3 = 0;
        int top1 = 0;
        int total = 0;
        for (int i = 0; i < set.size(); i++) {
            for (String p : set.get(i).paraphrases()) {
                List<ScoredNode> hits = mound.search(KnowledgeQuery.of(ORG, null, p, 3)).hits();
                total++;
                for (int rank = 0; rank < hits.size(); rank++) {
                    if (hits.get(rank).node().id().equals(ids.get(i))) {
                        top3++;
                        top1 += rank == 0 ? 1 : 0;
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "  %-32s top-3 %5.1f %%  top-1 %5.1f %%%n", label, 100.0 * top3 / total, 100.0 * top1 / total);
    }

    private static void embedding(Path dir, List<Question> set, EmbeddingProvider model) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; texts.size() < 2048; i++) {
            Question q = set.get(i % set.size());
            texts.add("Question: " + q.question() + " (" + i + ")\nDecision (approved, confidence 0.80): " + q.decision());
        }
        model.embed(texts.subList(0, Embeddings.BATCH));
        long start = System.nanoTime();
        for (int i = 0; i < texts.size(); i += Embeddings.BATCH) {
            model.embed(texts.subList(i, Math.min(texts.size(), i + Embeddings.BATCH)));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "local embeddings: %d texts in batches of %d: %.0f texts/s%n", texts.size(), Embeddings.BATCH,
                texts.size() / seconds);
        try (SqliteMound km = new SqliteMound(dir, new TestConfig())) {
            List<NewNode> nodes = new ArrayList<>();
            for (String t : texts) {
                nodes.add(new NewNode(ORG, null, NodeKind.CONSENSUS, t, 0.8, Map.of(), Provenance.ofDebate("bench", null, null, T0)));
            }
            km.mound.addAll(nodes);
            TimedEmbeddings timed = new TimedEmbeddings(model);
            long s = System.nanoTime();
            km.mound.bindEmbeddings(timed);
            // The background pass and this one share the work: the wall time until every node has its vector counts.
            km.mound.reembed(n -> {
            });
            while (km.store.stats(ORG, null).embedded() < nodes.size()) {
                Thread.onSpinWait();
            }
            long wall = System.nanoTime() - s;
            // The share of the wall time the model took is the comparable figure under load: the rest is the store's.
            System.out.printf(Locale.ROOT, "  ingest with local embeddings (embed + store vectors): %.0f nodes/s, %.1f %% of it embedding%n",
                    nodes.size() / (wall / 1e9), 100.0 * timed.nanos / wall);
        }
        storing(dir.resolve("store"), texts, model);
    }

    /** The same ingest with vectors that cost nothing to compute: what storing them costs alone. */
    private static void storing(Path dir, List<String> texts, EmbeddingProvider model) {
        try (SqliteMound km = new SqliteMound(dir, new TestConfig())) {
            List<NewNode> nodes = new ArrayList<>();
            for (String t : texts) {
                nodes.add(new NewNode(ORG, null, NodeKind.CONSENSUS, t, 0.8, Map.of(), Provenance.ofDebate("bench", null, null, T0)));
            }
            km.mound.addAll(nodes);
            long s = System.nanoTime();
            km.mound.bindEmbeddings(new RandomVectors(model, false));
            km.mound.reembed(n -> {
            });
            System.out.printf(Locale.ROOT, "  ingest with vectors that cost nothing to compute (store vectors alone): %.0f nodes/s%n",
                    nodes.size() / ((System.nanoTime() - s) / 1e9));
        }
    }

    /** A provider that sums the time its calls take. */
    static final class TimedEmbeddings implements EmbeddingProvider {
        private final EmbeddingProvider model;
        volatile long nanos;

        TimedEmbeddings(EmbeddingProvider model) {
            this.model = model;
        }

        @Override
        public String model() {
            return model.model();
        }

        @Override
        public int dimensions() {
            return model.dimensions();
        }

        @Override
        public List<float[]> embed(List<String> texts) {
            long s = System.nanoTime();
            try {
                return model.embed(texts);
            } finally {
                nanos += System.nanoTime() - s;
            }
        }
    }

    /**
     * How much of the exact top 10 the vector index's sign sketch keeps when only its closest {@code rescored} are ranked
     * exactly: {@code n} synthetic nodes (as the scale part writes them) embedded by the real model, the 202 paraphrases
     * as questions.
     */
    private static void sketch(List<Question> set, EmbeddingProvider model, int n) {
        String[] words = vocabulary(set);
        Random random = new Random(18);
        VectorIndex index = new VectorIndex(model.model(), model.dimensions());
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < n; i += Embeddings.BATCH) {
            List<String> texts = new ArrayList<>();
            for (int j = i; j < Math.min(n, i + Embeddings.BATCH); j++) {
                texts.add(synthetic(words, random, j));
            }
            for (float[] v : model.embed(texts)) {
                index.put("n" + vectors.size(), ORG, "ws", v);
                vectors.add(v);
            }
        }
        List<float[]> questions = new ArrayList<>();
        set.forEach(q -> q.paraphrases().forEach(p -> questions.add(model.embed(List.of(p)).get(0))));
        for (int rescored : new int[] {10, 25, 50, 100, 250, 500}) {
            int kept = 0;
            for (float[] q : questions) {
                Set<String> exact = new LinkedHashSet<>();
                index.nearest(q, ORG, null, 10, n).forEach(h -> exact.add(h.nodeId()));
                for (VectorIndex.Hit h : index.nearest(q, ORG, null, 10, rescored)) {
                    kept += exact.contains(h.nodeId()) ? 1 : 0;
                }
            }
            System.out.printf(Locale.ROOT, "sign sketch, %d real vectors, closest %d (%.1f %%) ranked exactly: %.1f %% of the exact top 10%n",
                    n, rescored, 100.0 * rescored / n, 100.0 * kept / (questions.size() * 10));
        }
    }

    private static String[] vocabulary(List<Question> set) {
        Set<String> vocabulary = new LinkedHashSet<>();
        for (Question q : set) {
            for (String text : List.of(q.question(), q.decision())) {
                vocabulary.addAll(Arrays.asList(text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")));
            }
        }
        vocabulary.remove("");
        return vocabulary.toArray(new String[0]);
    }

    /** 14 words drawn uniformly from the set's: every question word matches some 1.4 % of the nodes. */
    private static String synthetic(String[] words, Random random, int j) {
        StringBuilder content = new StringBuilder("Question: ");
        for (int w = 0; w < 14; w++) {
            content.append(words[random.nextInt(words.length)]).append(' ');
        }
        return content.append("(#").append(j).append(')').toString();
    }

    /** Random vectors of the model's size; with {@code realQuestions}, a single text (a question) embedded by the real model. */
    static final class RandomVectors implements EmbeddingProvider {
        private final EmbeddingProvider model;
        private final boolean realQuestions;

        RandomVectors(EmbeddingProvider model, boolean realQuestions) {
            this.model = model;
            this.realQuestions = realQuestions;
        }

        @Override
        public String model() {
            return model.model();
        }

        @Override
        public int dimensions() {
            return model.dimensions();
        }

        @Override
        public List<float[]> embed(List<String> texts) {
            if (realQuestions && texts.size() == 1) {
                return model.embed(texts);
            }
            List<float[]> out = new ArrayList<>();
            for (String t : texts) {
                Random r = new Random(t.hashCode());
                float[] v = new float[dimensions()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) r.nextGaussian();
                }
                out.add(v);
            }
            return out;
        }
    }

    private static void scale(Path dir, List<Question> set, EmbeddingProvider model, int n, boolean recall) {
        String[] words = vocabulary(set);
        Random random = new Random(18);
        // The queries repeat: without the search cache, so that every search is one; its hits are measured after.
        TestConfig config = new TestConfig();
        config.cacheMaxEntries = 0;
        try (SqliteMound km = new SqliteMound(dir, config)) {
            long start = System.nanoTime();
            for (int i = 0; i < n; i += 1000) {
                List<NewNode> batch = new ArrayList<>(1000);
                for (int j = i; j < i + 1000; j++) {
                    batch.add(new NewNode(ORG, "ws" + (j % 4), NodeKind.CONSENSUS, synthetic(words, random, j), 0.5 + random.nextDouble() / 2,
                            Map.of(), Provenance.ofDebate("bench", "d" + j, null, T0)));
                }
                km.mound.addAll(batch);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "lexical ingest: %d nodes in batches of 1000: %.0f nodes/s%n", n, n / seconds);

            List<String> queries = new ArrayList<>();
            set.forEach(q -> queries.addAll(q.paraphrases()));
            latency("lexical search, top 10", queries, q -> km.mound.search(KnowledgeQuery.of(ORG, null, q, 10)));
            km.mound.bindEmbeddings(new RandomVectors(model, true));
            long s = System.nanoTime();
            km.mound.reembed(x -> {
            });
            System.out.printf(Locale.ROOT, "  %d random vectors stored and indexed in %.1f s%n", n, (System.nanoTime() - s) / 1e9);
            latency("query embedding alone", queries, q -> model.embed(List.of(q)));
            latency("hybrid search, top 10", queries, q -> km.mound.search(KnowledgeQuery.of(ORG, null, q, 10)));
            if (recall) {
                latency("recall at debate start", queries, q -> km.mound.recall(ORG, null, q, 0));
                km.mound.modified(new TestConfig());
                latency("hybrid search, cache hit", queries, q -> km.mound.search(KnowledgeQuery.of(ORG, null, q, 10)));
                // The shared tier alone (no cluster bus): each hit reads a stored result back, as from Redis less its round trip.
                km.mound.bindShared(new MemorySharedCache());
                queries.forEach(q -> km.mound.search(KnowledgeQuery.of(ORG, null, q, 10)));
                latency("hybrid search, shared hit", queries, q -> km.mound.search(KnowledgeQuery.of(ORG, null, q, 10)));
            }
        }
    }

    private static void latency(String label, List<String> queries, java.util.function.Consumer<String> work) {
        for (int i = 0; i < 100; i++) {
            work.accept(queries.get(i % queries.size()));
        }
        int runs = 1000;
        long[] nanos = new long[runs];
        long[] cpu = new long[runs];
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < runs; i++) {
            long c = threads.getCurrentThreadCpuTime();
            long s = System.nanoTime();
            work.accept(queries.get(i % queries.size()));
            nanos[i] = System.nanoTime() - s;
            cpu[i] = threads.getCurrentThreadCpuTime() - c;
        }
        Arrays.sort(nanos);
        Arrays.sort(cpu);
        // Under a shared machine's load, wall time measures the queue for a core; the calling thread's CPU time does not
        // (ONNX Runtime's own threads are not in it).
        System.out.printf(Locale.ROOT, "  %-28s wall p50 %6.2f p99 %7.2f ms | thread CPU p50 %6.2f p99 %6.2f ms (%d runs, load %.1f)%n",
                label, nanos[runs / 2] / 1e6, nanos[runs * 99 / 100] / 1e6, cpu[runs / 2] / 1e6, cpu[runs * 99 / 100] / 1e6, runs,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
