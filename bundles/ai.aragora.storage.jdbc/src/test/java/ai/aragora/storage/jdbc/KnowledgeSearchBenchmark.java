package ai.aragora.storage.jdbc;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

import ai.aragora.api.knowledge.KnowledgeQuery;
import ai.aragora.api.knowledge.KnowledgeStore;
import ai.aragora.api.knowledge.NewNode;
import ai.aragora.api.knowledge.NodeKind;
import ai.aragora.api.knowledge.Provenance;
import ai.aragora.api.knowledge.Tier;
import ai.aragora.storage.jdbc.statement.Sql;
import ai.aragora.storage.jdbc.store.JdbcKnowledgeStore;

/**
 * The knowledge store's full-text search on a backend: {@code nodes} synthetic sentences (words
 * drawn with a Zipf-like skew from a made-up vocabulary, as real text repeats its common words),
 * ingested in batches of 1,000, then 1,000 questions searched as a hybrid search asks (40 hits, no
 * filter) and as recall at debate start asks (confidence, kinds and tiers filtered).
 */
public final class KnowledgeSearchBenchmark {

    private static final int VOCABULARY = 8_000;
    private static final String[] SYLLABLES = {"ka", "lo", "mi", "ren", "tu", "sa", "vor", "pe", "dan", "qui", "ex", "bra", "zo",
        "nil", "fo", "gra", "ul", "te", "mos", "cy"};

    private KnowledgeSearchBenchmark() {
    }

    public static void run(String label, StorageBackend backend, int nodes, PrintStream out) {
        KnowledgeStore store = JdbcKnowledgeStore.on(backend.database(Store.KNOWLEDGE_MOUND));
        String[] words = vocabulary();
        Random random = new Random(17);
        Instant now = Instant.now();
        long start = System.nanoTime();
        for (int i = 0; i < nodes; i += 1000) {
            List<NewNode> batch = new ArrayList<>(1000);
            for (int j = i; j < Math.min(nodes, i + 1000); j++) {
                batch.add(new NewNode("bench", "ws" + (j % 4), NodeKind.CONSENSUS, sentence(words, random, 12 + random.nextInt(8)) + " (#" + j + ")",
                        0.5 + random.nextDouble() / 2, Map.of(), Provenance.ofDebate("bench", "d" + j, null, now)));
            }
            store.upsertAll(batch);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf("%s: knowledge ingest, %d nodes in batches of 1000: %.0f nodes/s%n", label, nodes, nodes / seconds);
        Database db = backend.database(Store.KNOWLEDGE_MOUND);
        if (db.dialect() != Dialect.SQLITE) {
            // Autovacuum analyzes a table within a minute of a bulk write; search reads the word statistics it keeps.
            db.writeAndWait(c -> Sql.update(c, "ANALYZE km_nodes"));
        }
        List<String> questions = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            questions.add(sentence(words, random, 5 + random.nextInt(6)));
        }
        Set<NodeKind> recalled = EnumSet.complementOf(EnumSet.of(NodeKind.COST, NodeKind.TREND));
        time(label + ": full-text search, 40 hits", questions, q -> store.lexical(new KnowledgeQuery("bench", null, q, 40, 0, Set.of(),
                Tier.GLACIAL)).size(), out);
        time(label + ": full-text search with recall's filters", questions, q -> store.lexical(new KnowledgeQuery("bench", null, q, 40, 0.3,
                recalled, Tier.SLOW)).size(), out);
    }

    private static void time(String label, List<String> questions, Function<String, Integer> search, PrintStream out) {
        for (int i = 0; i < 100; i++) {
            search.apply(questions.get(i));
        }
        long[] nanos = new long[questions.size()];
        long hits = 0;
        for (int i = 0; i < nanos.length; i++) {
            long before = System.nanoTime();
            hits += search.apply(questions.get(i));
            nanos[i] = System.nanoTime() - before;
        }
        Arrays.sort(nanos);
        out.printf("%s: p50 %.2f ms, p99 %.2f ms (%d questions, %.1f hits each)%n", label, nanos[nanos.length / 2] / 1e6,
                nanos[nanos.length * 99 / 100] / 1e6, nanos.length, hits / (double) nanos.length);
    }

    private static String[] vocabulary() {
        Random random = new Random(5);
        String[] words = new String[VOCABULARY];
        for (int i = 0; i < words.length; i++) {
            StringBuilder w = new StringBuilder();
            for (int s = 0; s < 2 + random.nextInt(3); s++) {
                w.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
            }
            words[i] = w.toString();
        }
        return words;
    }

    /** Word i is drawn about 1/(i+1) as often as the first: a few common words, a long tail. */
    private static String sentence(String[] words, Random random, int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int rank = (int) Math.floor(Math.pow(words.length, random.nextDouble())) - 1;
            s.append(i == 0 ? "" : " ").append(words[Math.max(0, rank)]);
        }
        return s.toString();
    }
}
