package ai.aragora.api.receipt;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An issued receipt as stored.
 *
 * @param receiptId the document's {@code receipt_id}
 * @param debateId the debate it closes
 * @param version the ODR profile of the document
 * @param issuedAt the document's {@code issued_at}
 * @param odrDigest SHA-256 hex of the canonical document without {@code signatures}
 * @param keyId the key that signed it, {@code ed25519-} and 16 hex digits
 * @param document the signed ODR document as RFC 8785 canonical JSON
 * @param decision the full decision record as RFC 8785 canonical JSON; its SHA-256 is the
 *        document's {@code source.artifact_hash}, so the signature covers it too. Empty for a
 *        receipt imported without its record.
 */
public record Receipt(
        String receiptId,
        String debateId,
        OdrVersion version,
        Instant issuedAt,
        String odrDigest,
        String keyId,
        String document,
        Optional<String> decision) {

    public Receipt {
        Objects.requireNonNull(receiptId, "receiptId");
        Objects.requireNonNull(debateId, "debateId");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(odrDigest, "odrDigest");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(document, "document");
        decision = Objects.requireNonNullElse(decision, Optional.empty());
    }
}
