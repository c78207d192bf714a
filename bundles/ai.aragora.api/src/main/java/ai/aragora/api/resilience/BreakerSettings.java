package ai.aragora.api.resilience;

import java.time.Duration;
import java.util.Objects;

/** When a breaker opens (after this many consecutive counted failures) and how long it stays open. */
public record BreakerSettings(int failureThreshold, Duration cooldown) {

    /** Five consecutive failures, sixty seconds open: tuned for LLM traffic. */
    public static final BreakerSettings DEFAULT = new BreakerSettings(5, Duration.ofSeconds(60));

    public BreakerSettings {
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failure threshold must be at least 1, got " + failureThreshold);
        }
        Objects.requireNonNull(cooldown, "cooldown");
        if (cooldown.isNegative()) {
            throw new IllegalArgumentException("cooldown cannot be negative");
        }
    }
}
