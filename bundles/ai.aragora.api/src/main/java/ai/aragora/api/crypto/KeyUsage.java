package ai.aragora.api.crypto;

import java.util.Objects;

/**
 * How much one key has been used: encryptions with random 96-bit nonces are limited per key
 * (NIST SP 800-38D), so providers count them and refuse new ones past {@code limit}.
 */
public record KeyUsage(String keyId, boolean active, long encryptions, long limit) {

    public KeyUsage {
        Objects.requireNonNull(keyId, "keyId");
    }

    /** Used share of the limit, 0 to 1. */
    public double used() {
        return limit <= 0 ? 0 : Math.min(1.0, (double) encryptions / limit);
    }
}
