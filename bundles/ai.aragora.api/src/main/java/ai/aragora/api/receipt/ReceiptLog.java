package ai.aragora.api.receipt;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The receipts' tamper-evident history: the linear hash chain and the append-only Merkle log
 * over the same entries, with signed checkpoints so a third party can audit one receipt in
 * O(log n) without replaying the chain.
 */
@ProviderType
public interface ReceiptLog {

    /** Number of entries: the chain's length and the Merkle log's size. */
    long size();

    Optional<ChainEntry> entry(String receiptId);

    /** Entries with {@code seq >= fromSeq} in order, at most {@code limit}. */
    List<ChainEntry> entries(long fromSeq, int limit);

    /** The same entries as JSONL, one canonical JSON object per line. */
    String exportJsonl(long fromSeq, int limit);

    /** Signs a checkpoint of the current log now, or returns the latest if nothing was appended since. */
    Checkpoint checkpoint();

    Optional<Checkpoint> latestCheckpoint();

    /** Checkpoints, newest first. */
    List<Checkpoint> checkpoints(int offset, int limit);

    /**
     * Inclusion of a receipt in the log as of the latest checkpoint, signing a new checkpoint
     * first when none covers the receipt yet.
     */
    Optional<InclusionProof> inclusionProof(String receiptId);

    /**
     * Consistency between two checkpointed sizes.
     *
     * @throws ReceiptException when either size has no checkpoint or {@code firstSize > secondSize}
     */
    ConsistencyProof consistencyProof(long firstSize, long secondSize);
}
