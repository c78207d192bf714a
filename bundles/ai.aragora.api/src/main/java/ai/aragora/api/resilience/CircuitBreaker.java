package ai.aragora.api.resilience;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A per-target circuit breaker: it opens after consecutive counted failures, rejects calls
 * while open, and lets one trial call through once the cooldown has passed (half-open).
 * Callers that do not use {@link Resilience#execute} pair every granted {@link #tryAcquire()}
 * with exactly one {@link #onSuccess()} or {@link #onFailure(boolean)}.
 */
@ProviderType
public interface CircuitBreaker {

    String group();

    String name();

    /** Whether a call may go ahead now; in half-open only one trial call at a time. */
    boolean tryAcquire();

    void onSuccess();

    /**
     * A failed call. {@code counted} is false for failures that say nothing about the target's
     * health (an exhausted quota, a request the caller got wrong): they never open the breaker.
     */
    void onFailure(boolean counted);

    BreakerSnapshot snapshot();

    /** Closes the breaker and forgets its failures (an operator's reset). */
    void reset();
}
