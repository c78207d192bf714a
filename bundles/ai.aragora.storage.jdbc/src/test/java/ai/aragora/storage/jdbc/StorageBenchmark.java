package ai.aragora.storage.jdbc;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import ai.aragora.api.debate.Message;
import ai.aragora.api.storage.DebateStore;
import ai.aragora.storage.jdbc.sql.PooledDatabase;
import ai.aragora.storage.jdbc.store.JdbcDebateStore;

/**
 * Messages persisted per second with 200 debates running at once, each awaiting every write
 * before the next (the engine persists before it announces), and the latency of a debate read
 * (record, first 100 messages, first 100 events) while they write and afterwards.
 */
public final class StorageBenchmark {

    private StorageBenchmark() {
    }

    public static void run(String label, StorageBackend backend, int debates, int messagesPerDebate, int readerThreads, PrintStream out)
            throws InterruptedException {
        DebateStore store = JdbcDebateStore.on(backend.database(Store.ARAGORA));
        String content = "x".repeat(1024);
        Instant t0 = Instant.now();
        for (int d = 0; d < debates; d++) {
            store.create(Fixtures.debate("bench-" + d, "org", t0)).toCompletableFuture().join();
        }
        int commitsBefore = ((PooledDatabase) backend.database(Store.ARAGORA)).writer().commits();
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(debates);
        for (int d = 0; d < debates; d++) {
            String id = "bench-" + d;
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < messagesPerDebate; i++) {
                        store.append(id, List.of(new Message(i, "proposer", "demo-" + (i % 3), content, 1 + i / 10, Instant.now())),
                                List.of(Fixtures.event(id, i + 1, Instant.now()))).toCompletableFuture().join();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    finished.countDown();
                }
            }, "debate-" + d);
            t.setDaemon(true);
            t.start();
        }
        AtomicBoolean writing = new AtomicBoolean(true);
        ConcurrentLinkedQueue<Long> underLoad = new ConcurrentLinkedQueue<>();
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < readerThreads; r++) {
            Thread reader = new Thread(() -> {
                // Clients polling their debates: each reader reads one every 5 ms, ~200 reads/s.
                while (writing.get()) {
                    underLoad.add(read(store, "bench-" + ThreadLocalRandom.current().nextInt(debates)));
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "reader-" + r);
            reader.setDaemon(true);
            readers.add(reader);
        }
        long began = System.nanoTime();
        start.countDown();
        readers.forEach(Thread::start);
        finished.await();
        long elapsed = System.nanoTime() - began;
        writing.set(false);
        for (Thread r : readers) {
            r.join();
        }
        int commits = ((PooledDatabase) backend.database(Store.ARAGORA)).writer().commits() - commitsBefore;
        long[] idle = new long[2000];
        for (int i = 0; i < idle.length; i++) {
            idle[i] = read(store, "bench-" + ThreadLocalRandom.current().nextInt(debates));
        }
        long total = (long) debates * messagesPerDebate;
        out.printf("%s: %d debates x %d messages (1 KiB each, with one event each) = %d messages in %.2f s%n", label, debates,
                messagesPerDebate, total, elapsed / 1e9);
        out.printf("%s: %.0f messages persisted/s, %d commits (%.1f writes per commit)%n", label, total / (elapsed / 1e9), commits,
                (double) total / Math.max(1, commits));
        if (readerThreads > 0) {
            long[] loaded = underLoad.stream().mapToLong(Long::longValue).toArray();
            out.printf("%s: debate read (record + 100 messages + 100 events) while writing, %d readers every 5 ms: p50 %.2f ms, p99 %.2f ms (%d reads)%n",
                    label, readerThreads, percentile(loaded, 50), percentile(loaded, 99), loaded.length);
        }
        out.printf("%s: debate read when idle: p50 %.2f ms, p99 %.2f ms (%d reads)%n", label, percentile(idle, 50), percentile(idle, 99),
                idle.length);
    }

    private static long read(DebateStore store, String id) {
        long t = System.nanoTime();
        store.find(id).orElseThrow();
        store.messages(id, 0, 100);
        store.events(id, 0, 100);
        return System.nanoTime() - t;
    }

    private static double percentile(long[] nanos, int p) {
        if (nanos.length == 0) {
            return Double.NaN;
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }
}
