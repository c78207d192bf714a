package ai.aragora.storage.jdbc.ops;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.aragora.api.crypto.EncryptionException;
import ai.aragora.api.crypto.Envelope;
import ai.aragora.api.crypto.FieldContext;
import ai.aragora.api.crypto.FieldEncryption;

/**
 * A backup archive sealed for storage off the host: a random AES-256 data key per backup seals
 * the archive in 1 MiB AES-GCM segments, and the configured encryption provider seals the data
 * key, bound to the backup's name, into the header. Each segment's associated data names the
 * header, its number and whether it is the last, so reordered, dropped or appended segments fail
 * like altered bytes. Restoring needs a provider that still has the key named in the header.
 */
final class EncryptedArchive {

    static final String SUFFIX = ".enc";
    static final String FORMAT = "aragora-backup-enc/1";
    static final int SEGMENT = 1 << 20;
    private static final byte[] MAGIC = "ARAGORA-BACKUP-ENC\n".getBytes(StandardCharsets.US_ASCII);
    private static final int TAG_BITS = 128;
    private static final int MAX_HEADER = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private EncryptedArchive() {
    }

    /** Seals {@code plain} into {@code sealed} (created, owner-only where the filesystem allows); returns the key id used. */
    static String seal(Path plain, Path sealed, FieldEncryption provider, String backupName) throws IOException {
        byte[] dataKey = new byte[32];
        byte[] noncePrefix = new byte[8];
        RANDOM.nextBytes(dataKey);
        RANDOM.nextBytes(noncePrefix);
        Envelope wrapped = provider.encrypt(Base64.getEncoder().encodeToString(dataKey), context(backupName));
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("format", FORMAT);
        header.put("backup", backupName);
        header.put("cipher", "AES-256-GCM");
        header.put("segment_bytes", SEGMENT);
        header.put("nonce_prefix", Base64.getEncoder().encodeToString(noncePrefix));
        header.put("data_key", wrapped.toMap());
        byte[] headerBytes = JSON.writeValueAsBytes(header);
        byte[] headerHash = sha256(headerBytes);
        long size = Files.size(plain);
        long segments = Math.max(1, (size + SEGMENT - 1) / SEGMENT);
        if (sealed.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(sealed, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        }
        try (InputStream in = Files.newInputStream(plain);
                DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(sealed), 1 << 16))) {
            out.write(MAGIC);
            out.writeInt(headerBytes.length);
            out.write(headerBytes);
            for (long i = 0; i < segments; i++) {
                byte[] chunk = in.readNBytes(SEGMENT);
                byte[] ct = cipher(Cipher.ENCRYPT_MODE, dataKey, noncePrefix, headerHash, i, i == segments - 1).doFinal(chunk);
                out.writeInt(ct.length);
                out.write(ct);
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("the backup could not be sealed: " + e.getMessage());
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
        return wrapped.keyId();
    }

    /** Whether {@code file} starts like a sealed backup. */
    static boolean isSealed(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(MAGIC.length), MAGIC);
        }
    }

    /**
     * Opens {@code sealed} into {@code plain}, a scratch file the caller discards when this throws:
     * each segment is written only once it authenticates, and the last one must say it is last.
     */
    static void open(Path sealed, Path plain, FieldEncryption provider) throws IOException {
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(sealed), 1 << 16));
                var out = Files.newOutputStream(plain)) {
            if (!Arrays.equals(in.readNBytes(MAGIC.length), MAGIC)) {
                throw new IOException("not an encrypted Aragora backup");
            }
            int headerLength = in.readInt();
            if (headerLength <= 0 || headerLength > MAX_HEADER) {
                throw new IOException("not an encrypted Aragora backup: its header is malformed");
            }
            byte[] headerBytes = in.readNBytes(headerLength);
            Map<String, Object> header = JSON.readValue(headerBytes, new TypeReference<Map<String, Object>>() { });
            if (!FORMAT.equals(header.get("format")) || !(header.get("backup") instanceof String name)
                    || !(header.get("nonce_prefix") instanceof String prefix)) {
                throw new IOException("not an encrypted Aragora backup of format " + FORMAT);
            }
            Envelope wrapped = Envelope.from(header.get("data_key"))
                    .orElseThrow(() -> new IOException("the backup's header has no sealed data key"));
            if (provider == null) {
                throw new IOException("this backup is encrypted with key '" + wrapped.keyId()
                        + "' and no encryption provider is running: set ARAGORA_ENCRYPTION_KEY to that key");
            }
            byte[] dataKey = Base64.getDecoder().decode(provider.decrypt(wrapped, context(name)));
            byte[] noncePrefix = Base64.getDecoder().decode(prefix);
            byte[] headerHash = sha256(headerBytes);
            int length = in.readInt();
            for (long i = 0;; i++) {
                if (length <= 0 || length > SEGMENT + TAG_BITS / 8) {
                    throw new IOException("the backup is damaged: segment " + i + " has an impossible length");
                }
                byte[] ct = in.readNBytes(length);
                if (ct.length != length) {
                    throw new IOException("the backup is truncated");
                }
                int next = in.read();
                boolean last = next < 0;
                out.write(cipher(Cipher.DECRYPT_MODE, dataKey, noncePrefix, headerHash, i, last).doFinal(ct));
                if (last) {
                    break;
                }
                length = (next << 24) | (in.readUnsignedByte() << 16) | (in.readUnsignedByte() << 8) | in.readUnsignedByte();
            }
        } catch (AEADBadTagException e) {
            throw new IOException("the backup is damaged, truncated or reordered: a segment does not authenticate");
        } catch (EncryptionException e) {
            throw new IOException("the backup's data key cannot be opened: " + e.getMessage());
        } catch (EOFException e) {
            throw new IOException("the backup is truncated");
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException("the backup cannot be opened: " + e.getMessage());
        }
    }

    private static FieldContext context(String backupName) {
        return new FieldContext("backup", backupName, "data_key");
    }

    private static Cipher cipher(int mode, byte[] key, byte[] noncePrefix, byte[] headerHash, long segment, boolean last)
            throws GeneralSecurityException {
        byte[] nonce = ByteBuffer.allocate(12).put(noncePrefix).putInt((int) segment).array();
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        c.updateAAD(ByteBuffer.allocate(headerHash.length + 9).put(headerHash).putLong(segment).put((byte) (last ? 1 : 0)).array());
        return c;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
