package ai.aragora.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.List;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import ai.aragora.api.crypto.EncryptionException;
import ai.aragora.api.crypto.Envelope;
import ai.aragora.api.crypto.FieldContext;
import ai.aragora.api.crypto.FieldEncryption;
import ai.aragora.api.crypto.KeyUsage;

/**
 * AES-256-GCM, the context as associated data: the tests' provider. By default one fixed key;
 * {@link #keys} gives one that seals under the first of some named keys and opens under any.
 */
public final class TestEncryption implements FieldEncryption {

    private final SecureRandom random = new SecureRandom();
    private final List<String> keyIds;

    public TestEncryption() {
        this(List.of("test-key"));
    }

    private TestEncryption(List<String> keyIds) {
        this.keyIds = List.copyOf(keyIds);
    }

    /** Seals under {@code active}, opens under it and {@code older}; each key's bytes derive from its id. */
    public static TestEncryption keys(String active, String... older) {
        List<String> ids = new java.util.ArrayList<>(List.of(active));
        ids.addAll(List.of(older));
        return new TestEncryption(ids);
    }

    private static SecretKeySpec key(String id) {
        byte[] bytes = new byte[32];
        byte[] name = id.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(name, 0, bytes, 0, Math.min(name.length, 32));
        return new SecretKeySpec("test-key".equals(id) ? new byte[32] : bytes, "AES");
    }

    @Override
    public Envelope encrypt(String plaintext, FieldContext context) {
        try {
            byte[] nonce = new byte[12];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(activeKeyId()), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(context.associatedData());
            return new Envelope(1, "AES-256-GCM", activeKeyId(), nonce, cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String decrypt(Envelope envelope, FieldContext context) {
        if (!keyIds.contains(envelope.keyId())) {
            throw new EncryptionException(EncryptionException.Kind.UNKNOWN_KEY, envelope.keyId(), "no such key");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key(envelope.keyId()), new GCMParameterSpec(128, envelope.nonce()));
            cipher.updateAAD(context.associatedData());
            return new String(cipher.doFinal(envelope.ciphertext()), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new EncryptionException(EncryptionException.Kind.TAMPERED, envelope.keyId(), "does not open");
        }
    }

    @Override
    public String activeKeyId() {
        return keyIds.get(0);
    }

    @Override
    public List<String> decryptionKeyIds() {
        return keyIds;
    }

    @Override
    public List<KeyUsage> usage() {
        return keyIds.stream().map(id -> new KeyUsage(id, id.equals(activeKeyId()), 0, Long.MAX_VALUE)).toList();
    }
}
