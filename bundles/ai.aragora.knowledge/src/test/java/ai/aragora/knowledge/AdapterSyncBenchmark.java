package ai.aragora.knowledge;

import java.nio.file.Files;
import java.time.Instant;

import ai.aragora.storage.jdbc.Fixtures;

/**
 * How fast the adapters catch up: {@code N} finished debates queued on SQLite, then one pass of
 * twelve adapters (as many as ship) that learn a node each per debate, timed. Run from
 * {@code bundles/ai.aragora.knowledge} with the test class path (see {@link KnowledgeBenchmark}):
 * {@code java -cp ... ai.aragora.knowledge.AdapterSyncBenchmark 1000}.
 */
public final class AdapterSyncBenchmark {

    private static final int ADAPTERS = 12;

    private AdapterSyncBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int debates = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        try (SqliteMound km = new SqliteMound(Files.createTempDirectory("km-sync"), new TestConfig())) {
            for (int k = 0; k < ADAPTERS; k++) {
                km.sync.addAdapter(new AdapterSyncTest.AnswerAdapter("a" + k));
            }
            for (int i = 0; i < debates; i++) {
                String id = "d" + i;
                km.debates.create(Fixtures.debate(id, "acme", Fixtures.T0)).toCompletableFuture().join();
                km.debates.complete(Fixtures.result(id, "acme", Fixtures.T0)).toCompletableFuture().join();
                km.store.enqueue(id, Instant.now());
            }
            long start = System.nanoTime();
            km.sync.requestPass();
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%d debates x %d adapters learned in %.2f s: %.0f debates/s%n", debates, ADAPTERS, seconds,
                    debates / seconds);
        }
    }
}
