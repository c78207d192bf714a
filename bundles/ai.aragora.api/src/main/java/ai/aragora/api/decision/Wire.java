package ai.aragora.api.decision;

import java.util.Locale;

/** The wire spelling of this package's enums: lower case, parsed case-insensitively, as the debate API's. */
final class Wire {

    private Wire() {
    }

    static String of(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    static <E extends Enum<E>> E parse(Class<E> type, String field, String raw) {
        String normalized = raw == null ? "" : raw.trim().toUpperCase(Locale.ROOT);
        for (E value : type.getEnumConstants()) {
            if (value.name().equals(normalized)) {
                return value;
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (E value : type.getEnumConstants()) {
            allowed.append(allowed.length() == 0 ? "" : ", ").append(of(value));
        }
        String got = raw == null ? "nothing" : "'" + (raw.length() > 64 ? raw.substring(0, 64) + "..." : raw) + "'";
        throw new IllegalArgumentException(field + " must be one of " + allowed + " (got " + got + ")");
    }
}
