package ai.aragora.api.resilience;

/** A circuit breaker's state; {@link #gauge()} is the value of {@code aragora_circuit_breaker_state}. */
public enum BreakerState {
    /** Calls go through; consecutive failures are counted. */
    CLOSED("closed", 0),
    /** The cooldown has passed: one trial call decides between closed and open. */
    HALF_OPEN("half-open", 1),
    /** Calls fail at once until the cooldown has passed. */
    OPEN("open", 2);

    private final String wire;
    private final int gauge;

    BreakerState(String wire, int gauge) {
        this.wire = wire;
        this.gauge = gauge;
    }

    /** {@code closed}, {@code half-open} or {@code open}. */
    public String wire() {
        return wire;
    }

    public int gauge() {
        return gauge;
    }
}
