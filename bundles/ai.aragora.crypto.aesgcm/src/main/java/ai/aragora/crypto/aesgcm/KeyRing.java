package ai.aragora.crypto.aesgcm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.crypto.spec.SecretKeySpec;

/**
 * The configured keys, the active one first. A key's id is derived from the key itself, so every
 * server given the same key names it alike, and an envelope says which key opens it without
 * saying anything about the key.
 */
final class KeyRing {

    /** One AES-256 key and its id; {@link #toString()} never shows the key. */
    record Key(String id, SecretKeySpec spec) {

        @Override
        public String toString() {
            return "Key[" + id + "]";
        }
    }

    private final Map<String, Key> byId = new LinkedHashMap<>();
    private final Key active;

    private KeyRing(List<Key> keys) {
        keys.forEach(k -> byId.put(k.id(), k));
        this.active = keys.get(0);
    }

    /**
     * @param hex 64 hex characters each, the active key first
     * @throws IllegalArgumentException naming the key's position, never its value
     */
    static KeyRing of(String[] hex) {
        if (hex == null || hex.length == 0) {
            throw new IllegalArgumentException("no encryption key is configured (ARAGORA_ENCRYPTION_KEY)");
        }
        List<Key> keys = new ArrayList<>();
        for (int i = 0; i < hex.length; i++) {
            String h = hex[i] == null ? "" : hex[i].strip();
            if (!h.matches("[0-9a-fA-F]{64}")) {
                throw new IllegalArgumentException("encryption key " + (i + 1) + " of " + hex.length
                        + " is not 64 hexadecimal characters (ARAGORA_ENCRYPTION_KEY); the value is not shown");
            }
            byte[] raw = HexFormat.of().parseHex(h);
            keys.add(new Key(id(raw), new SecretKeySpec(raw, "AES")));
        }
        return new KeyRing(keys);
    }

    /** {@code k} and the first 16 hex digits of SHA-256 over a label and the key. */
    static String id(byte[] key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("aragora field encryption key id\0".getBytes(StandardCharsets.UTF_8));
            return "k" + HexFormat.of().formatHex(sha.digest(key), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    Key active() {
        return active;
    }

    Optional<Key> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Active first. */
    List<String> ids() {
        return List.copyOf(byId.keySet());
    }
}
