package ai.aragora.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import ai.aragora.launcher.spi.UsageException;

/**
 * The field encryption keys from {@code ARAGORA_ENCRYPTION_KEY}: 64 hex characters each, comma
 * separated, the key new encryptions use first and every key still able to decrypt after it.
 * Empty when unset, which production refuses. A key is never echoed, not even a wrong one.
 *
 * @param hex the keys, lowercase, the active one first
 * @param limit encryptions per key before the provider refuses new ones ({@code ARAGORA_ENCRYPTION_KEY_LIMIT})
 */
record EncryptionKeys(List<String> hex, long limit) {

    static final String VARIABLE = "ARAGORA_ENCRYPTION_KEY";
    /** Well below the 2^32 encryptions per key that NIST SP 800-38D allows with random 96-bit nonces. */
    static final long DEFAULT_LIMIT = 1_000_000_000L;
    static final long MAX_LIMIT = 1L << 31;

    EncryptionKeys {
        hex = List.copyOf(hex);
    }

    static EncryptionKeys from(Optional<String> raw, long limit, boolean production) throws UsageException {
        if (raw.isEmpty()) {
            if (production) {
                throw new UsageException(VARIABLE + " is required when ARAGORA_ENV=production: without it the encrypted"
                        + " data would not be recoverable on another machine or after the state dir is lost"
                        + " (generate a key with 'openssl rand -hex 32')");
            }
            return new EncryptionKeys(List.of(), limit);
        }
        return new EncryptionKeys(parse(raw.get(), VARIABLE), limit);
    }

    /** The keys in {@code raw}; errors name {@code source} and the key's position, never its value. */
    static List<String> parse(String raw, String source) throws UsageException {
        String[] parts = raw.split(",", -1);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            String key = parts[i].strip().toLowerCase(Locale.ROOT);
            String which = parts.length == 1 ? "" : " (key " + (i + 1) + " of " + parts.length + ")";
            if (!key.matches("[0-9a-f]{64}")) {
                throw new UsageException(source + " must be 64 hexadecimal characters (a 256-bit key), or a comma-separated"
                        + " list of such keys with the active one first; the value" + which + " is not (it is not shown)");
            }
            if (keys.contains(key)) {
                throw new UsageException(source + " lists the same key twice" + which);
            }
            keys.add(key);
        }
        return keys;
    }

    boolean isSet() {
        return !hex.isEmpty();
    }

    EncryptionKeys with(List<String> generated) {
        return new EncryptionKeys(generated, limit);
    }

    @Override
    public String toString() {
        return "EncryptionKeys[" + (hex.isEmpty() ? "unset" : hex.size() + " key(s), redacted") + ", limit=" + limit + "]";
    }
}
