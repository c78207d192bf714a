package ai.aragora.storage.jdbc;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import ai.aragora.api.debate.DebateStatus;
import ai.aragora.api.receipt.Receipt;
import ai.aragora.storage.jdbc.store.JdbcDebateStore;
import ai.aragora.storage.jdbc.store.JdbcReceiptStore;

/**
 * What the child JVM of a {@link CrashSafetyContract} does: debates written through the store by
 * 24 threads at once, each write acknowledged on stdout only after its stage completed, until the
 * parent kills the process with SIGKILL. Lines: {@code C id} created, {@code M id index} message,
 * {@code F id} completed, {@code K receiptId} receipt appended.
 */
public final class CrashWriter {

    private CrashWriter() {
    }

    /** Never returns: the process ends by SIGKILL. */
    public static void writeUntilKilled(StorageBackend backend, String run) throws InterruptedException {
        PrintStream acks = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        JdbcDebateStore debates = JdbcDebateStore.on(backend.database(Store.ARAGORA));
        JdbcReceiptStore receipts = JdbcReceiptStore.on(backend.database(Store.ARAGORA));
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 24; t++) {
            int thread = t;
            Thread worker = new Thread(() -> {
                for (int n = 0; ; n++) {
                    String id = run + "-" + thread + "-" + n;
                    debates.create(Fixtures.debate(id, "org", Instant.now())).toCompletableFuture().join();
                    ack(acks, "C " + id);
                    debates.updateStatus(id, DebateStatus.RUNNING, 1).toCompletableFuture().join();
                    for (int i = 0; i < 12; i++) {
                        debates.append(id, List.of(Fixtures.message(i, "demo-" + (i % 3), Instant.now())),
                                List.of(Fixtures.event(id, i + 1, Instant.now()))).toCompletableFuture().join();
                        ack(acks, "M " + id + " " + i);
                    }
                    if (n % 2 == 0) {
                        debates.complete(Fixtures.result(id, "org", Instant.now())).toCompletableFuture().join();
                        ack(acks, "F " + id);
                        Receipt r = Fixtures.receipt("rcpt-" + id, id, Instant.now());
                        receipts.append(r, (seq, prev) -> Fixtures.link(r, seq, prev));
                        ack(acks, "K " + r.receiptId());
                    }
                }
            }, "debate-" + t);
            threads.add(worker);
            worker.start();
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    private static void ack(PrintStream out, String line) {
        synchronized (out) {
            out.println(line);
        }
    }
}
