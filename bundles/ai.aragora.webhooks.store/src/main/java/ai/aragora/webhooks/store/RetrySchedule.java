package ai.aragora.webhooks.store;

import java.time.Duration;
import java.util.Objects;

/**
 * When a failed delivery is tried again: retry {@code n} (from 0) waits
 * {@code min(base * 2^n, max)} plus up to {@code jitter} of that, and never less than the
 * receiver's {@code Retry-After}. After {@code maxRetries} retries the delivery is dead-lettered.
 */
public record RetrySchedule(Duration base, Duration max, int maxRetries, double jitter) {

    public RetrySchedule {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(max, "max");
        if (base.isNegative() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("need 0 <= base <= max");
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("max retries cannot be negative");
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("jitter must be in [0, 1], got " + jitter);
        }
    }

    /**
     * @param retry 0 for the first retry
     * @param retryAfter what the receiver asked for, or null
     * @param random a number in [0, 1)
     */
    public Duration delay(int retry, Duration retryAfter, double random) {
        double backoff = Math.min(base.toNanos() * Math.pow(2, Math.min(retry, 62)), max.toNanos());
        Duration delay = Duration.ofNanos((long) (backoff + backoff * jitter * random));
        return retryAfter != null && retryAfter.compareTo(delay) > 0 ? retryAfter : delay;
    }
}
