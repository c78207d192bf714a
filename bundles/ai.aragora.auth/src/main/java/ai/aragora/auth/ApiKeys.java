package ai.aragora.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * API keys: {@code ara_} and 43 characters of randomness (256 bits). Only a SHA-256 of the key
 * is stored (keys are random, so a fast hash suffices); the first characters are kept in the
 * clear to find the record before the hash is compared.
 */
final class ApiKeys {

    static final String PREFIX = "ara_";
    static final int LOOKUP_LENGTH = 12;
    private static final Pattern SHAPE = Pattern.compile("ara_[A-Za-z0-9_-]{43}");

    private final SecureRandom random = new SecureRandom();

    String generate() {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    static boolean looksLikeKey(String token) {
        return token != null && SHAPE.matcher(token).matches();
    }

    /** The part of a key stored in the clear for lookup: {@code ara_} and 8 characters. */
    static String lookup(String key) {
        return key.substring(0, LOOKUP_LENGTH);
    }

    static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    static boolean matches(String key, String storedHash) {
        return MessageDigest.isEqual(hash(key).getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }
}
