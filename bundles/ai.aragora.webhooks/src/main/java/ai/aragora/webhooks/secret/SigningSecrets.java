package ai.aragora.webhooks.secret;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;

import ai.aragora.api.crypto.EncryptionException;
import ai.aragora.api.crypto.Envelope;
import ai.aragora.api.crypto.FieldEncryption;
import ai.aragora.webhooks.store.Subscription;
import ai.aragora.webhooks.store.Subscription.StoredSecret;

/**
 * Signing secrets: generated in the Standard Webhooks format ({@code whsec_} + base64 of 24
 * random bytes), sealed with the running encryption provider before they are stored, bound to
 * their subscription and creation time, and opened only to sign. Without a provider nothing is
 * stored: a secret is never kept in plaintext.
 */
public final class SigningSecrets {

    public static final String PREFIX = "whsec_";
    private static final int MIN_LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Supplier<FieldEncryption> encryption;

    /** @param encryption the provider bound now, or null while none runs */
    public SigningSecrets(Supplier<FieldEncryption> encryption) {
        this.encryption = encryption;
    }

    public static String generate() {
        byte[] key = new byte[24];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** The problem with a secret a client chose, or null when it may be used. */
    public static String problem(String secret) {
        if (secret.length() < MIN_LENGTH) {
            return "secret must be at least " + MIN_LENGTH + " characters";
        }
        if (secret.startsWith(PREFIX)) {
            try {
                if (Base64.getDecoder().decode(secret.substring(PREFIX.length())).length < MIN_LENGTH) {
                    return "a whsec_ secret needs at least " + MIN_LENGTH + " bytes after the prefix";
                }
            } catch (IllegalArgumentException e) {
                return "a whsec_ secret must be base64 after the prefix";
            }
        }
        return null;
    }

    /**
     * @throws EncryptionException {@code UNAVAILABLE} when no encryption provider runs
     */
    public StoredSecret seal(String subscriptionId, String secret, Instant now) {
        Envelope sealed = provider().encrypt(secret, StoredSecret.context(subscriptionId, now));
        return new StoredSecret(sealed.toMap(), now, null);
    }

    /** The plaintexts that sign at {@code now}, the newest first. */
    public List<String> open(Subscription s, Instant now) {
        List<String> out = new ArrayList<>();
        for (StoredSecret stored : s.signing(now)) {
            Envelope envelope = Envelope.from(stored.sealed()).orElseThrow(() -> new EncryptionException(
                    EncryptionException.Kind.MALFORMED, null, "a webhook secret of " + s.id() + " is not sealed"));
            out.add(provider().decrypt(envelope, stored.context(s.id())));
        }
        return out;
    }

    /**
     * A new secret in front; the one signing until now keeps signing for {@code overlap}, and
     * secrets whose overlap ended are dropped.
     */
    public List<StoredSecret> rotate(Subscription s, String secret, Duration overlap, Instant now) {
        List<StoredSecret> out = new ArrayList<>();
        out.add(seal(s.id(), secret, now));
        for (StoredSecret old : s.signing(now)) {
            out.add(old.expiresAt() == null ? new StoredSecret(old.sealed(), old.createdAt(), now.plus(overlap)) : old);
        }
        return out;
    }

    private FieldEncryption provider() {
        FieldEncryption bound = encryption.get();
        if (bound == null) {
            throw new EncryptionException(EncryptionException.Kind.UNAVAILABLE, null,
                    "no encryption provider is running: webhook secrets are only stored encrypted");
        }
        return bound;
    }
}
