package ai.aragora.api.agent;

import java.util.Objects;

/**
 * Who an agent is: the name debates use ({@code anthropic-api}, {@code demo-critical}), the
 * provider that serves it, the model it asks for, the model family (for independence
 * disclosure) and the version of the code that runs it (for cache invalidation).
 */
public record AgentInfo(String name, String provider, String model, String modelFamily, String version) {

    private static final int MAX_NAME = 64;

    public AgentInfo {
        Objects.requireNonNull(name, "name");
        if (!isValidName(name)) {
            throw new IllegalArgumentException("agent name '" + name + "' must be 1-64 of a-z 0-9 . _ - starting with a letter or digit");
        }
        provider = Objects.requireNonNullElse(provider, "unknown");
        model = Objects.requireNonNullElse(model, "undisclosed");
        modelFamily = Objects.requireNonNullElse(modelFamily, "undisclosed");
        version = Objects.requireNonNullElse(version, "0.0.0");
    }

    /** 1-64 of a-z 0-9 . _ - starting with a letter or digit (checked per debate spec, so without a regex matcher). */
    public static boolean isValidName(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_NAME) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean letterOrDigit = c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
            if (!letterOrDigit && (i == 0 || c != '.' && c != '_' && c != '-')) {
                return false;
            }
        }
        return true;
    }
}
