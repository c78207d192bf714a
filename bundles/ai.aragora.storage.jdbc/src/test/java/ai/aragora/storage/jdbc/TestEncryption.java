package ai.aragora.storage.jdbc;

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

/** An encryption provider with one random key that binds the field context, as the SPI requires. */
public final class TestEncryption implements FieldEncryption {

    private final String id;
    private final byte[] key = new byte[32];

    public TestEncryption(String id) {
        this.id = id;
        new SecureRandom().nextBytes(key);
    }

    @Override
    public Envelope encrypt(String plaintext, FieldContext context) {
        byte[] nonce = new byte[12];
        new SecureRandom().nextBytes(nonce);
        return new Envelope(1, "AES-256-GCM", id, nonce, run(Cipher.ENCRYPT_MODE, nonce, context, plaintext.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String decrypt(Envelope envelope, FieldContext context) {
        if (!envelope.keyId().equals(id)) {
            throw new EncryptionException(EncryptionException.Kind.UNKNOWN_KEY, envelope.keyId(), "key " + envelope.keyId() + " is not configured");
        }
        return new String(run(Cipher.DECRYPT_MODE, envelope.nonce(), context, envelope.ciphertext()), StandardCharsets.UTF_8);
    }

    private byte[] run(int mode, byte[] nonce, FieldContext context, byte[] input) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            c.updateAAD(context.associatedData());
            return c.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new EncryptionException(EncryptionException.Kind.TAMPERED, id, "does not authenticate");
        }
    }

    @Override
    public String activeKeyId() {
        return id;
    }

    @Override
    public List<String> decryptionKeyIds() {
        return List.of(id);
    }

    @Override
    public List<KeyUsage> usage() {
        return List.of();
    }
}
