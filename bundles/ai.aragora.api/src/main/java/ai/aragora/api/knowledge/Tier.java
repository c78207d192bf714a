package ai.aragora.api.knowledge;

import java.util.Locale;

/**
 * How long a node is kept and how readily it is recalled: a node starts {@link #MEDIUM}, use
 * promotes it towards {@link #FAST}, age without use demotes it towards {@link #GLACIAL}.
 */
public enum Tier {
    FAST, MEDIUM, SLOW, GLACIAL;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Tier of(String wire) {
        return Wire.parse(Tier.class, "tier", wire);
    }

    /** One step hotter; {@link #FAST} stays. */
    public Tier promoted() {
        return this == FAST ? FAST : values()[ordinal() - 1];
    }

    /** One step colder; {@link #GLACIAL} stays. */
    public Tier demoted() {
        return this == GLACIAL ? GLACIAL : values()[ordinal() + 1];
    }
}
