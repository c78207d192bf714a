package ai.aragora.receipts;

import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.aragora.api.receipt.ChainEntry;
import ai.aragora.api.receipt.Checkpoint;
import ai.aragora.api.receipt.ConsistencyProof;
import ai.aragora.api.receipt.InclusionProof;
import ai.aragora.api.receipt.ReceiptException;
import ai.aragora.api.receipt.ReceiptStore;

/**
 * The Merkle log mirrored from the receipt store's chain, its signed checkpoints and its proofs.
 * The store's chain is the truth: the mirror catches up with it, and starts over when the store is
 * switched. A checkpoint is signed every N receipts and every T seconds on the mirror's own thread;
 * without that thread (the ledger built without its timer, as in tests) every N receipts at once.
 */
final class MerkleMirror {

    private static final Logger LOG = LoggerFactory.getLogger(MerkleMirror.class);

    private final Supplier<ReceiptStore> store;
    private final SigningKeyRing keys;
    private final int checkpointEvery;
    private final Clock clock;
    /** Guards {@link #tree} and {@link #checkpointed}. */
    private final Object lock = new Object();
    private MerkleTree tree = new MerkleTree();
    /** Tree size of the latest checkpoint this ledger knows of; -1 until read from the store. */
    private long checkpointed = -1;
    private volatile ScheduledExecutorService timer;
    private final AtomicBoolean checkpointQueued = new AtomicBoolean();

    MerkleMirror(Supplier<ReceiptStore> store, SigningKeyRing keys, int checkpointEvery, Clock clock) {
        this.store = store;
        this.keys = keys;
        this.checkpointEvery = Math.max(1, checkpointEvery);
        this.clock = clock;
    }

    /** Checkpoints every {@code seconds} when the log grew, and from here on on that thread only. */
    void startTimer(int seconds) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "aragora-receipt-checkpoints");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::checkpointIfGrown, seconds, seconds, TimeUnit.SECONDS);
    }

    void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** Adds stored entries to the mirror and checkpoints when due. */
    void add(List<ChainEntry> entries) {
        boolean due;
        synchronized (lock) {
            for (ChainEntry entry : entries) {
                if (tree.size() == entry.seq() - 1) {
                    tree.appendLeafHash(MerkleTree.leafHash(HashChain.canonical(entry)));
                } else if (tree.size() < entry.seq()) {
                    sync();
                }
            }
            due = tree.size() - checkpointedSize() >= checkpointEvery;
            if (due && timer == null) {
                checkpointLocked();
            }
        }
        // A checkpoint waits for its own write: on the timer's thread, not the sequencer's.
        if (due && timer != null && checkpointQueued.compareAndSet(false, true)) {
            try {
                timer.execute(() -> {
                    checkpointQueued.set(false);
                    checkpointIfGrown();
                });
            } catch (RejectedExecutionException stopped) {
                checkpointQueued.set(false);
            }
        }
    }

    Checkpoint checkpoint() {
        synchronized (lock) {
            sync();
            return checkpointLocked();
        }
    }

    Optional<Checkpoint> latestCheckpoint() {
        return store.get().checkpoints(0, 1).stream().findFirst();
    }

    Optional<InclusionProof> inclusionProof(String receiptId) {
        Optional<ChainEntry> entry = store.get().entry(receiptId);
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        synchronized (lock) {
            Optional<Checkpoint> latest = latestCheckpoint();
            sync();
            Checkpoint head = latest.filter(c -> c.treeSize() >= entry.get().seq() && c.treeSize() <= tree.size())
                    .orElseGet(this::checkpointLocked);
            List<String> path = hex(tree.inclusionPath(entry.get().leafIndex(), head.treeSize()));
            return Optional.of(new InclusionProof(entry.get(), path, head));
        }
    }

    ConsistencyProof consistencyProof(long firstSize, long secondSize) {
        if (firstSize > secondSize) {
            throw new ReceiptException("the first size " + firstSize + " is larger than the second " + secondSize);
        }
        Checkpoint first = store.get().checkpoint(firstSize)
                .orElseThrow(() -> new ReceiptException("no checkpoint for tree size " + firstSize));
        Checkpoint second = store.get().checkpoint(secondSize)
                .orElseThrow(() -> new ReceiptException("no checkpoint for tree size " + secondSize));
        synchronized (lock) {
            sync();
            return new ConsistencyProof(first, second, hex(tree.consistencyPath(firstSize, secondSize)));
        }
    }

    /** The store was switched: the mirror is rebuilt from it at once, in the background, not by the first receipt issued. */
    void reset() {
        synchronized (lock) {
            tree = new MerkleTree();
            checkpointed = -1;
        }
        ScheduledExecutorService background = timer;
        if (background != null) {
            try {
                background.execute(() -> {
                    try {
                        synchronized (lock) {
                            sync();
                            checkpointedSize();
                        }
                    } catch (RuntimeException e) {
                        LOG.warn("the Merkle log could not be rebuilt from the receipt store: {}", e.getMessage());
                    }
                });
            } catch (RejectedExecutionException stopped) {
                // deactivated: nothing more is issued
            }
        }
    }

    /** Signs and stores outside the lock, so receipts go on being appended meanwhile. */
    private void checkpointIfGrown() {
        try {
            ReceiptStore target = store.get();
            long size;
            byte[] root;
            synchronized (lock) {
                sync();
                size = tree.size();
                if (size <= checkpointedSize()) {
                    return;
                }
                root = tree.root(size);
            }
            target.saveCheckpoint(Checkpoints.sign(size, root, clock.instant(), keys.signer()));
            synchronized (lock) {
                if (store.get() == target) {
                    checkpointed = Math.max(checkpointed, size);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("receipt log checkpoint failed: {}", e.getMessage());
        }
    }

    private Checkpoint checkpointLocked() {
        long size = tree.size();
        Optional<Checkpoint> existing = store.get().checkpoint(size);
        if (existing.isPresent()) {
            checkpointed = Math.max(checkpointed, size);
            return existing.get();
        }
        Checkpoint signed = Checkpoints.sign(size, tree.root(size), clock.instant(), keys.signer());
        store.get().saveCheckpoint(signed);
        checkpointed = Math.max(checkpointed, size);
        return store.get().checkpoint(size).orElse(signed);
    }

    /** Another instance may have checkpointed since: at worst this checkpoints again, which finds theirs. */
    private long checkpointedSize() {
        if (checkpointed < 0) {
            checkpointed = latestCheckpoint().map(Checkpoint::treeSize).orElse(0L);
        }
        return checkpointed;
    }

    /** Catches the mirror up with the store. */
    private void sync() {
        ReceiptStore current = store.get();
        long target = current.size();
        if (target < tree.size()) {
            tree = new MerkleTree();
            checkpointed = -1;
        }
        while (tree.size() < target) {
            List<ChainEntry> batch = current.entries(tree.size() + 1, 1024);
            if (batch.isEmpty()) {
                throw new ReceiptException("the store reports " + target + " chain entries but returned none after " + tree.size());
            }
            for (ChainEntry e : batch) {
                if (e.seq() != tree.size() + 1) {
                    throw new ReceiptException("the store's chain jumps from " + tree.size() + " to " + e.seq());
                }
                tree.appendLeafHash(MerkleTree.leafHash(HashChain.canonical(e)));
            }
        }
    }

    private static List<String> hex(List<byte[]> hashes) {
        return hashes.stream().map(HexFormat.of()::formatHex).toList();
    }
}
