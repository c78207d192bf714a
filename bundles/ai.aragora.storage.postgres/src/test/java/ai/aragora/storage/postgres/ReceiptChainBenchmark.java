package ai.aragora.storage.postgres;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import ai.aragora.api.receipt.Receipt;
import ai.aragora.api.receipt.ReceiptStore;
import ai.aragora.storage.jdbc.Fixtures;
import ai.aragora.storage.jdbc.Store;
import ai.aragora.storage.jdbc.sql.JdbcDatabases;
import ai.aragora.storage.jdbc.store.JdbcReceiptStore;

/**
 * What one receipt chain costs when several instances append to it: every append locks the
 * chain head row until its transaction commits, so appends queue behind each other. Appends
 * per second and append latency with one appender, then with appenders spread over two
 * instances (separate pools, as separate processes have).
 */
final class ReceiptChainBenchmark {

    private ReceiptChainBenchmark() {
    }

    static void run(int receipts, PrintStream out) throws Exception {
        measure("1 appender, 1 instance", receipts, 1, out);
        measure("8 appenders, 2 instances", receipts, 8, out);
    }

    private static void measure(String label, int receipts, int threads, PrintStream out) throws Exception {
        String url = TestPostgres.createDatabase();
        List<PostgresBackend> instances = List.of(open(url), open(url));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<ReceiptStore> stores = instances.stream().map(b -> (ReceiptStore) JdbcReceiptStore.on(b.database(Store.ARAGORA)))
                    .toList();
            long[] nanos = new long[receipts];
            List<Future<?>> running = new ArrayList<>();
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                int first = t;
                ReceiptStore store = stores.get(t % stores.size());
                running.add(pool.submit(() -> {
                    for (int i = first; i < receipts; i += threads) {
                        Receipt r = Fixtures.receipt("bench-" + i, "d-" + i, Fixtures.T0);
                        long before = System.nanoTime();
                        store.append(r, (seq, prev) -> Fixtures.link(r, seq, prev));
                        nanos[i] = System.nanoTime() - before;
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get(10, TimeUnit.MINUTES);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Arrays.sort(nanos);
            out.printf("receipt chain, %s: %d appends in %.2f s = %.0f/s; append p50 %.2f ms, p99 %.2f ms%n", label, receipts,
                    seconds, receipts / seconds, nanos[receipts / 2] / 1e6, nanos[receipts * 99 / 100] / 1e6);
        } finally {
            pool.shutdownNow();
            instances.forEach(PostgresBackend::close);
            TestPostgres.dropDatabase(url);
        }
    }

    private static PostgresBackend open(String url) {
        return new PostgresBackend(new JdbcDatabases(), url, TestPostgres.user(), "", "aragora", 10, 4, 256, true);
    }
}
