package ai.aragora.api.resilience;

import java.time.Duration;
import java.util.Objects;

/** A breaker as it is now: what {@code /api/circuit-breakers} reports for it. */
public record BreakerSnapshot(String group, String name, BreakerState state, int failures, int failureThreshold,
        Duration cooldown, Duration cooldownRemaining) {

    public BreakerSnapshot {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(cooldown, "cooldown");
        cooldownRemaining = cooldownRemaining == null || cooldownRemaining.isNegative() ? Duration.ZERO : cooldownRemaining;
    }
}
