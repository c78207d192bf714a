package ai.aragora.api.resilience;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
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

    /**
     * The breaker as every API that reports one shows it: {@code status} (closed, half-open,
     * open), {@code failures}, {@code failure_threshold}, {@code cooldown_seconds} and
     * {@code cooldown_remaining} in seconds, rounded up so that a breaker still open never shows 0.
     */
    public Map<String, Object> wire() {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("status", state.wire());
        wire.put("failures", failures);
        wire.put("failure_threshold", failureThreshold);
        wire.put("cooldown_seconds", cooldown.toSeconds());
        wire.put("cooldown_remaining", Math.ceil(cooldownRemaining.toMillis() / 1000.0));
        return wire;
    }
}
