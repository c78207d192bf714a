package ai.aragora.api.resilience;

import java.time.Duration;
import java.util.Objects;

/**
 * How often and how patiently to retry: at most {@code maxAttempts} attempts in all, waiting
 * {@code initialDelay * multiplier^(n-1)} (capped at {@code maxDelay}) before retry n, spread by
 * up to {@code jitter} (a fraction) either way, and never less than the target's
 * {@code Retry-After}. No retry starts that could not finish before the caller's deadline.
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay, double multiplier, double jitter) {

    /** Three attempts, 1 s then 2 s (plus or minus 20 %), at most 30 s apart. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(30), 2.0, 0.2);

    /** One attempt, no retry. */
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 1.0, 0);

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max attempts must be at least 1, got " + maxAttempts);
        }
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (initialDelay.isNegative() || maxDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("delays must be non-negative with max delay >= initial delay");
        }
        if (!(multiplier >= 1)) {
            throw new IllegalArgumentException("multiplier must be at least 1, got " + multiplier);
        }
        if (!(jitter >= 0 && jitter < 1)) {
            throw new IllegalArgumentException("jitter must be in [0, 1), got " + jitter);
        }
    }

    /** The delay before attempt {@code attempt + 1}, before jitter and Retry-After. */
    public Duration backoff(int attempt) {
        double nanos = initialDelay.toNanos() * Math.pow(multiplier, Math.max(0, attempt - 1));
        return nanos >= maxDelay.toNanos() ? maxDelay : Duration.ofNanos((long) nanos);
    }
}
