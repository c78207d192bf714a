package ai.aragora.api.receipt;

import java.util.Objects;

/**
 * A signed statement of the Merkle log's state. The signature is Ed25519 over the RFC 8785
 * canonical JSON of {@code {"kind": KIND, "tree_size", "root_hash", "timestamp", "key_id"}}.
 *
 * @param treeSize number of leaves covered
 * @param rootHash RFC 6962 Merkle tree hash of those leaves, hex
 * @param timestamp when it was signed, RFC 3339 UTC
 * @param keyId the signing key's id
 * @param signature base64 Ed25519 signature
 */
public record Checkpoint(long treeSize, String rootHash, String timestamp, String keyId, String signature) {

    /** Domain separation: a checkpoint signature can never be mistaken for a receipt signature. */
    public static final String KIND = "aragora.receipt-log.checkpoint.v1";

    public Checkpoint {
        if (treeSize < 0) {
            throw new IllegalArgumentException("treeSize must not be negative");
        }
        Objects.requireNonNull(rootHash, "rootHash");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(signature, "signature");
    }
}
