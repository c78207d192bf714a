package ai.aragora.itest.filekeys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import ai.aragora.api.crypto.EncryptionException;
import ai.aragora.api.crypto.Envelope;
import ai.aragora.api.crypto.FieldContext;
import ai.aragora.api.crypto.FieldEncryption;
import ai.aragora.api.crypto.KeyUsage;

/**
 * A second encryption provider, for the swap test: keys from {@value #FILE} in the state dir
 * (64 hex characters a line, the active key first), ranked above the default provider. It
 * writes the same envelopes (AES-256-GCM, the same key ids), so either opens the other's.
 */
@Component(configurationPid = "ai.aragora.server", property = {FieldEncryption.PROVIDER + "=filekeys", "service.ranking:Integer=200"})
public class FileKeyFieldEncryption implements FieldEncryption {

    public static final String FILE = "test-encryption-keys";

    public @interface ServerDirs {
        String state_dir();
    }

    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong encryptions = new AtomicLong();

    @Activate
    public FileKeyFieldEncryption(ServerDirs dirs) throws IOException, GeneralSecurityException {
        for (String line : Files.readAllLines(Path.of(dirs.state_dir()).resolve(FILE), StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                byte[] key = HexFormat.of().parseHex(line.strip());
                keys.put(id(key), new SecretKeySpec(key, "AES"));
            }
        }
    }

    /** The key id every provider derives, so that envelopes name keys alike. */
    public static String id(byte[] key) throws GeneralSecurityException {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update("aragora field encryption key id\0".getBytes(StandardCharsets.UTF_8));
        return "k" + HexFormat.of().formatHex(sha.digest(key), 0, 8);
    }

    @Override
    public Envelope encrypt(String plaintext, FieldContext context) {
        String id = activeKeyId();
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        encryptions.incrementAndGet();
        return new Envelope(1, "AES-256-GCM", id, nonce, run(Cipher.ENCRYPT_MODE, id, nonce, context,
                plaintext.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String decrypt(Envelope envelope, FieldContext context) {
        if (!keys.containsKey(envelope.keyId())) {
            throw new EncryptionException(EncryptionException.Kind.UNKNOWN_KEY, envelope.keyId(),
                    "key " + envelope.keyId() + " is not in " + FILE);
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
            throw new EncryptionException(EncryptionException.Kind.TAMPERED, id, "does not authenticate under " + id);
        } catch (GeneralSecurityException e) {
            throw new EncryptionException(EncryptionException.Kind.UNAVAILABLE, id, e.getClass().getSimpleName());
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
    public List<KeyUsage> usage() {
        String active = activeKeyId();
        return keys.keySet().stream().map(id -> new KeyUsage(id, id.equals(active), id.equals(active) ? encryptions.get() : 0,
                1_000_000_000L)).toList();
    }
}
