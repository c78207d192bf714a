package ai.aragora.api.receipt;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of verifying one receipt: every check that ran, in order, and the signals that
 * weaken the receipt without failing it (absent blocks, undisclosed models, no human attestation).
 *
 * @param receiptId the document's {@code receipt_id}, empty when unreadable
 * @param odrDigest the recomputed digest, empty when it could not be computed
 * @param keyId the id of the key whose signature verified, empty when none did
 */
public record VerificationReport(String receiptId, String odrDigest, String keyId, List<Check> checks, List<String> warnings) {

    public VerificationReport {
        Objects.requireNonNull(receiptId, "receiptId");
        Objects.requireNonNull(odrDigest, "odrDigest");
        Objects.requireNonNull(keyId, "keyId");
        checks = List.copyOf(checks);
        warnings = List.copyOf(warnings);
    }

    /** No check failed. */
    public boolean ok() {
        return checks.stream().noneMatch(c -> c.status() == Status.FAIL);
    }

    /**
     * Nothing failed but authenticity was not established: signatures present and no key to
     * check them, or a key given and nothing signed. Such a receipt is not "verified".
     */
    public boolean authenticityUnverified() {
        return checks.stream().anyMatch(c -> c.name().equals(SIGNATURE) && c.status() == Status.SKIP);
    }

    /** Verified: nothing failed and authenticity is not in doubt. */
    public boolean verified() {
        return ok() && !authenticityUnverified();
    }

    public static final String SCHEMA = "schema_conformance";
    public static final String DIGEST = "canonical_digest";
    public static final String SIGNATURE = "signature";
    public static final String QUORUM = "quorum_consistency";
    public static final String VERDICTS = "verdicts_consistency";
    public static final String DISSENT = "dissent_consistency";
    public static final String ARTIFACT = "source_artifact";
    public static final String CHAIN = "chain_link";

    public enum Status {
        PASS, FAIL, WARN, SKIP;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One named check, e.g. {@value VerificationReport#SIGNATURE}, and what it found. */
    public record Check(String name, Status status, String detail) {
        public Check {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
