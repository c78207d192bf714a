package ai.aragora.api.resilience;

import java.time.Duration;

/** A call refused because its breaker is open; {@link #remaining()} says for how long still. */
public class CircuitOpenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String breaker;
    private final transient Duration remaining;

    public CircuitOpenException(String breaker, Duration remaining) {
        super("circuit breaker for " + breaker + " is open (" + Math.max(0, remaining.toSeconds()) + " s left)");
        this.breaker = breaker;
        this.remaining = remaining;
    }

    public String breaker() {
        return breaker;
    }

    public Duration remaining() {
        return remaining;
    }
}
