package ai.aragora.api.crypto;

import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An encrypted field as stored: a small versioned object carrying the runbooks' marker
 * {@code "_encrypted": true}, the algorithm, the key id, the nonce and the ciphertext (tag
 * included). Plaintext written before encryption was on has no marker, which is how the two are
 * told apart. Stores keep it as a JSON object ({@link #toMap()}), in place of the plain value.
 */
public record Envelope(int version, String algorithm, String keyId, byte[] nonce, byte[] ciphertext) {

    public static final int CURRENT_VERSION = 1;
    public static final String MARKER = "_encrypted";
    public static final String VERSION = "v";
    public static final String ALGORITHM = "alg";
    public static final String KEY_ID = "kid";
    public static final String NONCE = "nonce";
    public static final String CIPHERTEXT = "ct";

    public Envelope {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(keyId, "keyId");
        nonce = Objects.requireNonNull(nonce, "nonce").clone();
        ciphertext = Objects.requireNonNull(ciphertext, "ciphertext").clone();
    }

    @Override
    public byte[] nonce() {
        return nonce.clone();
    }

    @Override
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    /** The stored form, in this key order. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(MARKER, Boolean.TRUE);
        map.put(VERSION, version);
        map.put(ALGORITHM, algorithm);
        map.put(KEY_ID, keyId);
        map.put(NONCE, Base64.getEncoder().encodeToString(nonce));
        map.put(CIPHERTEXT, Base64.getEncoder().encodeToString(ciphertext));
        return map;
    }

    /** Whether a stored value claims to be an envelope (the marker is there and true). */
    public static boolean isMarked(Object stored) {
        return stored instanceof Map<?, ?> map && Boolean.TRUE.equals(map.get(MARKER));
    }

    /**
     * The envelope a stored value holds; empty when it carries no marker (plaintext).
     *
     * @throws EncryptionException {@link EncryptionException.Kind#MALFORMED} when it carries the
     *         marker but not a whole envelope of a known version
     */
    public static Optional<Envelope> from(Object stored) {
        if (!isMarked(stored)) {
            return Optional.empty();
        }
        Map<?, ?> map = (Map<?, ?>) stored;
        if (!(map.get(VERSION) instanceof Number v) || v.intValue() != CURRENT_VERSION) {
            throw malformed("an unknown envelope version");
        }
        String algorithm = text(map, ALGORITHM);
        String keyId = text(map, KEY_ID);
        try {
            byte[] nonce = Base64.getDecoder().decode(text(map, NONCE));
            byte[] ciphertext = Base64.getDecoder().decode(text(map, CIPHERTEXT));
            return Optional.of(new Envelope(v.intValue(), algorithm, keyId, nonce, ciphertext));
        } catch (IllegalArgumentException e) {
            throw malformed("a nonce or ciphertext that is not base64");
        }
    }

    private static String text(Map<?, ?> map, String key) {
        if (map.get(key) instanceof String s && !s.isEmpty()) {
            return s;
        }
        throw malformed("no '" + key + "'");
    }

    private static EncryptionException malformed(String what) {
        return new EncryptionException(EncryptionException.Kind.MALFORMED, null,
                "the encrypted field has " + what);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Envelope e && version == e.version && algorithm.equals(e.algorithm)
                && keyId.equals(e.keyId) && Arrays.equals(nonce, e.nonce) && Arrays.equals(ciphertext, e.ciphertext);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, algorithm, keyId, Arrays.hashCode(nonce), Arrays.hashCode(ciphertext));
    }

    @Override
    public String toString() {
        return "Envelope[v=" + version + ", alg=" + algorithm + ", kid=" + keyId + ", " + ciphertext.length
                + " bytes]";
    }
}
