package ai.aragora.api.crypto;

import java.util.Optional;

/**
 * Why a field could not be sealed or opened. Messages name the key id and the field, never a key
 * or a plaintext.
 */
public class EncryptionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The error types of {@code aragora_encryption_errors_total{error_type}}. */
    public enum Kind {
        /** Authentication failed: the ciphertext, nonce or context was changed, or the key is wrong. */
        TAMPERED("tampered"),
        /** The envelope names a key that is not configured any more. */
        UNKNOWN_KEY("unknown_key"),
        /** The stored value carries the marker but is not a whole envelope. */
        MALFORMED("malformed"),
        /** The envelope names an algorithm this provider does not implement. */
        UNSUPPORTED_ALGORITHM("unsupported_algorithm"),
        /** The active key reached its encryption limit; rotate to a new key. */
        KEY_EXHAUSTED("key_exhausted"),
        /** No provider is running, or it has no keys. */
        UNAVAILABLE("unavailable");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** The metric label. */
        public String label() {
            return label;
        }
    }

    private final Kind kind;
    private final String keyId;

    public EncryptionException(Kind kind, String keyId, String message) {
        super(message);
        this.kind = kind;
        this.keyId = keyId;
    }

    public Kind kind() {
        return kind;
    }

    /** The key id involved, when one is. */
    public Optional<String> keyId() {
        return Optional.ofNullable(keyId);
    }
}
