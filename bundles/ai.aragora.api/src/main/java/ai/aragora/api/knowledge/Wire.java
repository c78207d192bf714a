package ai.aragora.api.knowledge;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Parses the lower-snake-case wire names of this package's enums. */
final class Wire {

    private Wire() {
    }

    static <E extends Enum<E>> E parse(Class<E> type, String field, String wire) {
        if (wire != null) {
            for (E e : type.getEnumConstants()) {
                if (e.name().equalsIgnoreCase(wire.trim())) {
                    return e;
                }
            }
        }
        throw new IllegalArgumentException(field + " must be one of " + Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")) + ", got " + wire);
    }
}
