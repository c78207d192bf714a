package ai.aragora.receipts;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.aragora.api.receipt.ChainEntry;
import ai.aragora.api.receipt.Receipt;
import ai.aragora.api.receipt.ReceiptException;
import ai.aragora.api.receipt.ReceiptStore;

/**
 * Appends receipts signed on their callers' threads, in the order they were queued, on one thread
 * that is gone while idle. It appends all receipts queued meanwhile (up to 128) in one store write:
 * under load they cost one chain head update and one commit, and no thread waits for its own.
 */
final class AppendSequencer {

    private static final Logger LOG = LoggerFactory.getLogger(AppendSequencer.class);
    private static final int MAX_APPEND_BATCH = 128;

    private record PendingAppend(ReceiptSigner.Signed signed, CompletableFuture<Receipt> stored) {
    }

    private final Supplier<ReceiptStore> store;
    private final MerkleMirror mirror;
    private final BlockingQueue<PendingAppend> appends = new LinkedBlockingQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final ThreadPoolExecutor sequencer = sequencer();

    AppendSequencer(Supplier<ReceiptStore> store, MerkleMirror mirror) {
        this.store = store;
        this.mirror = mirror;
    }

    /** Completes once the receipt is in the store's chain. */
    CompletionStage<Receipt> append(ReceiptSigner.Signed signed) {
        CompletableFuture<Receipt> stored = new CompletableFuture<>();
        appends.add(new PendingAppend(signed, stored));
        if (draining.compareAndSet(false, true)) {
            try {
                sequencer.execute(this::drain);
            } catch (RejectedExecutionException stopped) {
                for (PendingAppend p; (p = appends.poll()) != null; ) {
                    p.stored().completeExceptionally(new ReceiptException("the receipt service has stopped"));
                }
            }
        }
        return stored;
    }

    /** Receipts already queued are still appended; later ones are refused. */
    void stop() {
        sequencer.shutdown();
    }

    /** One thread, gone while idle: receipts are appended in the order they were queued. */
    private static ThreadPoolExecutor sequencer() {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "aragora-receipt-sequencer");
            t.setDaemon(true);
            return t;
        });
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    private void drain() {
        List<PendingAppend> batch = new ArrayList<>(MAX_APPEND_BATCH);
        while (true) {
            appends.drainTo(batch, MAX_APPEND_BATCH);
            if (batch.isEmpty()) {
                draining.set(false);
                // Queued after the drain found nothing, but before the flag was down: take it here.
                if (appends.isEmpty() || !draining.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            appendBatch(batch);
            batch.clear();
        }
    }

    private void appendBatch(List<PendingAppend> batch) {
        ReceiptStore target = store.get();
        List<ChainEntry> entries;
        try {
            entries = target.appendAll(batch.stream().map(p -> p.signed().receipt()).toList(),
                    batch.stream().map(p -> p.signed().linker()).toList());
        } catch (RuntimeException e) {
            // One bad receipt fails alone: each is appended on its own, unless the store kept it before failing.
            for (PendingAppend p : batch) {
                try {
                    Receipt receipt = p.signed().receipt();
                    ChainEntry entry = target.entry(receipt.receiptId()).orElseGet(() -> target.append(receipt, p.signed().linker()));
                    mirror.add(List.of(entry));
                    p.stored().complete(receipt);
                } catch (RuntimeException failed) {
                    p.stored().completeExceptionally(failed);
                }
            }
            return;
        }
        try {
            mirror.add(entries);
        } catch (RuntimeException e) {
            LOG.warn("the Merkle log could not follow the receipt chain: {}", e.getMessage());
        }
        for (PendingAppend p : batch) {
            p.stored().complete(p.signed().receipt());
        }
    }
}
