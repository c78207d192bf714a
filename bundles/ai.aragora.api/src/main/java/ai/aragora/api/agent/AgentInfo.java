package ai.aragora.api.agent;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Who an agent is: the name debates use ({@code anthropic-api}, {@code demo-critical}), the
 * provider that serves it, the model it asks for, the model family (for independence
 * disclosure) and the version of the code that runs it (for cache invalidation).
 */
public record AgentInfo(String name, String provider, String model, String modelFamily, String version) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    public AgentInfo {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("agent name '" + name + "' must be 1-64 of a-z 0-9 . _ - starting with a letter or digit");
        }
        provider = Objects.requireNonNullElse(provider, "unknown");
        model = Objects.requireNonNullElse(model, "undisclosed");
        modelFamily = Objects.requireNonNullElse(modelFamily, "undisclosed");
        version = Objects.requireNonNullElse(version, "0.0.0");
    }

    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }
}
