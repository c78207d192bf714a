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

/** AES-256-GCM under a fixed test key, the context as associated data: the tests' provider. */
public final class TestEncryption implements FieldEncryption {

    private static final SecretKeySpec KEY = new SecretKeySpec(new byte[32], "AES");
    private final SecureRandom random = new SecureRandom();

    @Override
    public Envelope encrypt(String plaintext, FieldContext context) {
        try {
            byte[] nonce = new byte[12];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, KEY, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(context.associatedData());
            return new Envelope(1, "AES-256-GCM", "test-key", nonce, cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String decrypt(Envelope envelope, FieldContext context) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, KEY, new GCMParameterSpec(128, envelope.nonce()));
            cipher.updateAAD(context.associatedData());
            return new String(cipher.doFinal(envelope.ciphertext()), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new EncryptionException(EncryptionException.Kind.TAMPERED, "test-key", "does not open");
        }
    }

    @Override
    public String activeKeyId() {
        return "test-key";
    }

    @Override
    public List<String> decryptionKeyIds() {
        return List.of("test-key");
    }

    @Override
    public List<KeyUsage> usage() {
        return List.of(new KeyUsage("test-key", true, 0, Long.MAX_VALUE));
    }
}
