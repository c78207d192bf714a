package ai.aragora.api.receipt;

import java.util.Objects;

/**
 * A receipt signing key's public half, published so anyone can verify receipts offline.
 *
 * @param keyId {@code ed25519-} and the first 16 hex digits of SHA-256 of the raw 32-byte key
 * @param algorithm always {@code Ed25519}
 * @param publicKeyPem SubjectPublicKeyInfo PEM
 * @param active whether new receipts are signed with it; retired keys stay for verification
 */
public record PublicSigningKey(String keyId, String algorithm, String publicKeyPem, boolean active) {
    public PublicSigningKey {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(publicKeyPem, "publicKeyPem");
    }
}
