package ai.aragora.storage.jdbc;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import ai.aragora.api.crypto.EncryptionException;
import ai.aragora.api.crypto.Envelope;
import ai.aragora.api.crypto.FieldContext;
import ai.aragora.api.crypto.FieldEncryption;
import ai.aragora.api.crypto.KeyUsage;

/** A provider for the stores' tests: AES-GCM under named keys, the first active. */
public final class TestFieldEncryption implements FieldEncryption {

    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private long encryptions;

    /** @param ids key ids, the active one first; each id's key is derived from the id */
    public TestFieldEncryption(String... ids) {
        for (String id : ids) {
            byte[] key = new byte[32];
            new java.util.Random(id.hashCode()).nextBytes(key);
            keys.put(id, new SecretKeySpec(key, "AES"));
        }
    }

    @Override
    public synchronized Envelope encrypt(String plaintext, FieldContext context) {
        String id = activeKeyId();
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        encryptions++;
        return new Envelope(1, "AES-256-GCM", id, nonce, run(Cipher.ENCRYPT_MODE, id, nonce, context,
                plaintext.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String decrypt(Envelope envelope, FieldContext context) {
        if (!keys.containsKey(envelope.keyId())) {
            throw new EncryptionException(EncryptionException.Kind.UNKNOWN_KEY, envelope.keyId(),
                    "key " + envelope.keyId() + " is not configured");
        }
        return new String(run(Cipher.DECRYPT_MODE, envelope.keyId(), envelope.nonce(), context, envelope.ciphertext()),
                StandardCharsets.UTF_8);
    }

    private byte[] run(int mode, String id, byte[] nonce, FieldContext context, byte[] input) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(mode, keys.get(id), new GCMParameterSpec(128, nonce));
            c.updateAAD(context.associatedData());
            return c.doFinal(input);
        } catch (AEADBadTagException e) {
            throw new EncryptionException(EncryptionException.Kind.TAMPERED, id, "does not authenticate");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String activeKeyId() {
        return keys.keySet().iterator().next();
    }

    @Override
    public List<String> decryptionKeyIds() {
        return List.copyOf(keys.keySet());
    }

    @Override
    public synchronized List<KeyUsage> usage() {
        return keys.keySet().stream().map(id -> new KeyUsage(id, id.equals(activeKeyId()), id.equals(activeKeyId()) ? encryptions : 0,
                1_000_000)).toList();
    }
}
