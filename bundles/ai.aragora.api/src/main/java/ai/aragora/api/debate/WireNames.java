package ai.aragora.api.debate;

import java.util.Locale;

/** Enum constants on the wire: lower snake case ({@code needs_review}), parsed case-insensitively. */
final class WireNames {

    private WireNames() {
    }

    static String of(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    static <E extends Enum<E>> E parse(Class<E> type, String field, String raw) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException(field + " must not be empty");
        }
        String normalized = raw.trim().replace('-', '_').toUpperCase(Locale.ROOT);
        for (E value : type.getEnumConstants()) {
            if (value.name().equals(normalized)) {
                return value;
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (E value : type.getEnumConstants()) {
            allowed.append(allowed.length() == 0 ? "" : ", ").append(of(value));
        }
        throw new IllegalArgumentException(field + " must be one of " + allowed + " (got '" + raw + "')");
    }
}
