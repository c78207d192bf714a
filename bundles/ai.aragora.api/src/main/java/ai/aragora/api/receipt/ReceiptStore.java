package ai.aragora.api.receipt;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

import ai.aragora.api.storage.Page;

/**
 * Where receipts, their chain and the log's checkpoints live. A storage bundle registers one;
 * without one, receipts are kept in memory.
 *
 * <p><b>Exactly one sequencer.</b> Several server instances may share one store. The chain
 * and the Merkle log must stay one linear history, never a fork, so {@link #append} is the
 * only place where sequence numbers are decided, and it decides them under a lock every
 * instance honours (e.g. {@code SELECT ... FOR UPDATE} on a single chain-head row, or SQLite's
 * write lock), held from reading the head until the new entry is committed.
 */
@ConsumerType
public interface ReceiptStore {

    /** Computes the chain entry for a receipt once its position is known; pure, no side effects. */
    @FunctionalInterface
    interface ChainLinker {
        ChainEntry link(long seq, String prevHash);
    }

    /**
     * Appends a receipt and its chain entry atomically. Under the sequencer lock: read the head
     * (last {@code seq} and {@code hash}, or 0 and {@link ChainEntry#GENESIS} when empty), call
     * {@code linker.link(lastSeq + 1, lastHash)}, store the receipt and the entry, commit. Either
     * both are stored or neither. The linker may be called again if the transaction is retried.
     *
     * @return the stored entry
     * @throws ReceiptException when the receipt id exists or the store fails
     */
    ChainEntry append(Receipt receipt, ChainLinker linker);

    /**
     * Appends receipts in order, each linked to the one before it. A store that can does it in
     * one transaction, all or none; this default appends them one at a time, so on failure the
     * ones before the failing receipt are stored.
     *
     * @return the stored entries, in order
     */
    default List<ChainEntry> appendAll(List<Receipt> receipts, List<ChainLinker> linkers) {
        if (receipts.size() != linkers.size()) {
            throw new IllegalArgumentException(receipts.size() + " receipts but " + linkers.size() + " linkers");
        }
        List<ChainEntry> entries = new ArrayList<>(receipts.size());
        for (int i = 0; i < receipts.size(); i++) {
            entries.add(append(receipts.get(i), linkers.get(i)));
        }
        return entries;
    }

    Optional<Receipt> find(String receiptId);

    /** Newest first. */
    List<Receipt> list(int offset, int limit);

    long count();

    /**
     * The receipts of {@code orgId}'s debates, newest first, and how many it has in all, when this
     * store keeps the debates too and can answer in one query; empty when it cannot tell a
     * receipt's org (the receipt service then finds them itself).
     */
    default Optional<Page<Receipt>> list(String orgId, int offset, int limit) {
        return Optional.empty();
    }

    Optional<ChainEntry> entry(String receiptId);

    /** Entries with {@code seq >= fromSeq} in ascending order, at most {@code limit}. */
    List<ChainEntry> entries(long fromSeq, int limit);

    /** Highest {@code seq}, 0 when empty. */
    long size();

    /** Keeps the first checkpoint stored for a tree size; a later one for the same size is ignored. */
    void saveCheckpoint(Checkpoint checkpoint);

    Optional<Checkpoint> checkpoint(long treeSize);

    /** Newest (largest tree size) first. */
    List<Checkpoint> checkpoints(int offset, int limit);
}
