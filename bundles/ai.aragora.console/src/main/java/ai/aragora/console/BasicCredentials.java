package ai.aragora.console;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** An HTTP Basic {@code Authorization} header, parsed without trusting it. */
record BasicCredentials(String user, String password) {

    /** Longer headers are not credentials anyone legitimately sends. */
    private static final int MAX_HEADER = 4096;

    @Override
    public String toString() {
        return "BasicCredentials[user=" + user + ", password=redacted]";
    }

    static Optional<BasicCredentials> parse(String header) {
        if (header == null || header.length() > MAX_HEADER || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(header.substring(6).trim());
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        String pair = new String(decoded, StandardCharsets.UTF_8);
        int colon = pair.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        return Optional.of(new BasicCredentials(pair.substring(0, colon), pair.substring(colon + 1)));
    }
}
