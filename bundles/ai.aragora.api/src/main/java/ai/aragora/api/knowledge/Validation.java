package ai.aragora.api.knowledge;

import java.util.Locale;

/** Whether a node's statement has been checked. */
public enum Validation {
    UNVERIFIED, VERIFIED, DISPUTED, SUPERSEDED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Validation of(String wire) {
        return Wire.parse(Validation.class, "status", wire);
    }
}
