package ai.aragora.api.receipt;

import java.util.List;
import java.util.Objects;

/**
 * Proof that a receipt's chain entry is leaf {@code leaf.leafIndex()} of the log as of a
 * signed checkpoint (RFC 9162 section 2.1.3). The leaf hash is SHA-256(0x00 || canonical JSON
 * of {@code leaf}); a verifier also checks {@code leaf.odrDigest()} against the receipt.
 *
 * @param leaf the receipt's chain entry
 * @param auditPath sibling hashes from the leaf up, hex
 * @param checkpoint the signed tree head the path leads to
 */
public record InclusionProof(ChainEntry leaf, List<String> auditPath, Checkpoint checkpoint) {
    public InclusionProof {
        Objects.requireNonNull(leaf, "leaf");
        auditPath = List.copyOf(auditPath);
        Objects.requireNonNull(checkpoint, "checkpoint");
    }
}
