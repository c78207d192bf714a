package ai.aragora.api.resilience;

import java.time.Duration;

/**
 * What a failure means: whether another attempt may succeed, whether it counts against the
 * breaker, and how long the target asked us to wait (null when it did not say).
 */
public record FailureVerdict(boolean retryable, boolean counted, Duration retryAfter) {

    /** Final, and the target's fault. */
    public static final FailureVerdict FATAL = new FailureVerdict(false, true, null);

    /** Final, and nobody's fault but the caller's (bad request, exhausted quota). */
    public static final FailureVerdict NOT_COUNTED = new FailureVerdict(false, false, null);

    public static FailureVerdict transientFailure(Duration retryAfter) {
        return new FailureVerdict(true, true, retryAfter);
    }
}
