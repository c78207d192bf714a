package ai.aragora.api.crypto;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * An encryption provider, registered as a service with the {@value #PROVIDER} property. Stores
 * bind the highest-ranked one dynamically: a new provider bundle takes new writes while every
 * envelope written before stays readable, as long as its key is configured. A provider that is
 * to read another's envelopes names keys as it does: the default provider's key id is {@code k}
 * and the first 16 hex digits of SHA-256 over {@code "aragora field encryption key id\0"} and
 * the key, so every process given the same key names it alike.
 */
@ConsumerType
public interface FieldEncryption {

    /** Service property: the provider's name, e.g. {@code aesgcm}. */
    String PROVIDER = "aragora.encryption.provider";

    /**
     * Seals {@code plaintext} under the active key, bound to {@code context}.
     *
     * @throws EncryptionException {@code KEY_EXHAUSTED} past the key's limit, {@code UNAVAILABLE} without a key
     */
    Envelope encrypt(String plaintext, FieldContext context);

    /**
     * Opens an envelope written for {@code context}, under whichever configured key it names.
     *
     * @throws EncryptionException {@code TAMPERED}, {@code UNKNOWN_KEY} or {@code UNSUPPORTED_ALGORITHM}
     */
    String decrypt(Envelope envelope, FieldContext context);

    /** The key id new encryptions use. */
    String activeKeyId();

    /** Every key id that can still decrypt, the active one first. */
    List<String> decryptionKeyIds();

    /** Per key, the active one first. */
    List<KeyUsage> usage();
}
