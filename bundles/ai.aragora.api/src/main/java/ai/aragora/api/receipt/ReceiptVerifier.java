package ai.aragora.api.receipt;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Offline verification: needs nothing but the documents and the public keys, never the server's
 * state. Checks: schema conformance, canonical digest, Ed25519 signatures (with the
 * construction the document's {@code odr_version} selects, only counting entries whose
 * {@code key_id} matches a given key), quorum consistency, and chain linkage when a chain is given;
 * and the integrity of a whole stored chain.
 */
@ProviderType
public interface ReceiptVerifier {

    /**
     * @param document the ODR document JSON
     * @param publicKeysPem Ed25519 public keys (SubjectPublicKeyInfo PEM) to check signatures with; may be empty
     * @param chainJsonl a chain export the receipt must be anchored in; empty to skip that check
     * @throws IllegalArgumentException when the document is not JSON or a key is not an Ed25519 public key
     */
    VerificationReport verify(String document, List<String> publicKeysPem, Optional<String> chainJsonl);

    /** Whether the proof leads from the entry to the checkpoint's root and the checkpoint is signed by one of the keys. */
    boolean verifyInclusion(InclusionProof proof, List<PublicSigningKey> keys);

    /** Whether the second checkpoint's tree extends the first's and both are signed by one of the keys. */
    boolean verifyConsistency(ConsistencyProof proof, List<PublicSigningKey> keys);

    boolean verifyCheckpoint(Checkpoint checkpoint, List<PublicSigningKey> keys);

    /**
     * Walks the chain a store holds, from its first entry: sequence numbers without gaps, each
     * {@code prev_hash} equal to the previous entry's {@code hash}, and each {@code hash}
     * recomputed from the entry's content, so a rewritten entry is caught even with its links
     * patched. Stops after a bounded number of problems.
     */
    ChainVerification verifyChain(ReceiptStore store);
}
