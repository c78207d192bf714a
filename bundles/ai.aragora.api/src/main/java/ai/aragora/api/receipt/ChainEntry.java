package ai.aragora.api.receipt;

import java.util.Objects;

/**
 * One link of the receipt hash chain; also the data of the receipt's leaf in the Merkle log
 * (leaf index {@code seq - 1}). As JSON (one JSONL line) its members are {@code seq},
 * {@code receipt_id}, {@code odr_digest}, {@code issued_at}, {@code prev_hash} and
 * {@code hash}, where {@code hash} is the SHA-256 hex of the RFC 8785 canonical JSON of the
 * other five members and {@code prev_hash} of the first entry is {@link #GENESIS}.
 */
public record ChainEntry(long seq, String receiptId, String odrDigest, String issuedAt, String prevHash, String hash) {

    /** The {@code prev_hash} of the first entry: 64 zeros. */
    public static final String GENESIS = "0".repeat(64);

    public ChainEntry {
        if (seq < 1) {
            throw new IllegalArgumentException("seq starts at 1, got " + seq);
        }
        Objects.requireNonNull(receiptId, "receiptId");
        Objects.requireNonNull(odrDigest, "odrDigest");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(prevHash, "prevHash");
        Objects.requireNonNull(hash, "hash");
    }

    /** The entry's position in the Merkle log. */
    public long leafIndex() {
        return seq - 1;
    }
}
