package ai.aragora.resilience;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import ai.aragora.api.resilience.BreakerSettings;
import ai.aragora.api.resilience.BreakerSnapshot;
import ai.aragora.api.resilience.BreakerState;
import ai.aragora.api.resilience.CircuitBreaker;

/**
 * Opens after {@code failureThreshold} consecutive counted failures; after the cooldown one
 * trial call is let through: its success closes the breaker, its counted failure reopens it.
 * Time comes from a nanosecond clock so tests can move it. Opening from closed is announced to
 * {@code opened}, outside the breaker's lock; reopening after a failed trial is the same outage.
 */
final class ConsecutiveFailureBreaker implements CircuitBreaker {

    private final String group;
    private final String name;
    private final BreakerSettings settings;
    private final LongSupplier nanoTime;
    private final Consumer<BreakerSnapshot> opened;

    private BreakerState state = BreakerState.CLOSED;
    private int failures;
    private long openedAt;
    private boolean trialInFlight;

    ConsecutiveFailureBreaker(String group, String name, BreakerSettings settings, LongSupplier nanoTime,
            Consumer<BreakerSnapshot> opened) {
        this.group = group;
        this.name = name;
        this.settings = settings;
        this.nanoTime = nanoTime;
        this.opened = opened;
    }

    @Override
    public String group() {
        return group;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized boolean tryAcquire() {
        if (state == BreakerState.OPEN && remaining().isZero()) {
            state = BreakerState.HALF_OPEN;
        }
        switch (state) {
            case CLOSED:
                return true;
            case HALF_OPEN:
                if (trialInFlight) {
                    return false;
                }
                trialInFlight = true;
                return true;
            default:
                return false;
        }
    }

    @Override
    public synchronized void onSuccess() {
        state = BreakerState.CLOSED;
        failures = 0;
        trialInFlight = false;
    }

    @Override
    public void onFailure(boolean counted) {
        BreakerSnapshot announce = null;
        synchronized (this) {
            boolean trial = state == BreakerState.HALF_OPEN;
            trialInFlight = false;
            if (!counted) {
                return;
            }
            failures++;
            if (trial || failures >= settings.failureThreshold()) {
                boolean outageBegins = state == BreakerState.CLOSED;
                state = BreakerState.OPEN;
                openedAt = nanoTime.getAsLong();
                if (outageBegins) {
                    announce = snapshot();
                }
            }
        }
        if (announce != null) {
            opened.accept(announce);
        }
    }

    @Override
    public synchronized BreakerSnapshot snapshot() {
        Duration remaining = state == BreakerState.OPEN ? remaining() : Duration.ZERO;
        BreakerState reported = state == BreakerState.OPEN && remaining.isZero() ? BreakerState.HALF_OPEN : state;
        return new BreakerSnapshot(group, name, reported, failures, settings.failureThreshold(), settings.cooldown(),
                remaining);
    }

    @Override
    public synchronized void reset() {
        onSuccess();
    }

    private Duration remaining() {
        long left = settings.cooldown().toNanos() - (nanoTime.getAsLong() - openedAt);
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }
}
