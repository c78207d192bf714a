package ai.aragora.api.knowledge;

import java.util.Locale;

/** How one node bears on another. */
public enum RelationType {
    SUPPORTS, CONTRADICTS, REFINES, DERIVED_FROM, CITES;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RelationType of(String wire) {
        return Wire.parse(RelationType.class, "relation_type", wire);
    }
}
