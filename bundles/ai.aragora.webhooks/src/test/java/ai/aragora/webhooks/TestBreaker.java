package ai.aragora.webhooks;

import java.time.Duration;
import java.time.Instant;

import ai.aragora.api.resilience.BreakerSnapshot;
import ai.aragora.api.resilience.BreakerState;
import ai.aragora.api.resilience.CircuitBreaker;

/** Consecutive failures open it for a cooldown on the test clock; then one trial call. */
final class TestBreaker implements CircuitBreaker {

    private final String name;
    private final int threshold;
    private final Duration cooldown;
    private final TestClock clock;
    private int failures;
    private Instant openedAt;
    private boolean trial;

    TestBreaker(String name, int threshold, Duration cooldown, TestClock clock) {
        this.name = name;
        this.threshold = threshold;
        this.cooldown = cooldown;
        this.clock = clock;
    }

    @Override
    public String group() {
        return "webhooks";
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized boolean tryAcquire() {
        if (openedAt == null) {
            return true;
        }
        if (clock.instant().isBefore(openedAt.plus(cooldown)) || trial) {
            return false;
        }
        trial = true;
        return true;
    }

    @Override
    public synchronized void onSuccess() {
        failures = 0;
        openedAt = null;
        trial = false;
    }

    @Override
    public synchronized void onFailure(boolean counted) {
        trial = false;
        if (!counted) {
            return;
        }
        failures++;
        if (failures >= threshold || openedAt != null) {
            openedAt = clock.instant();
        }
    }

    @Override
    public synchronized BreakerSnapshot snapshot() {
        BreakerState state = openedAt == null ? BreakerState.CLOSED
                : clock.instant().isBefore(openedAt.plus(cooldown)) ? BreakerState.OPEN : BreakerState.HALF_OPEN;
        return new BreakerSnapshot("webhooks", name, state, failures, threshold, cooldown, Duration.ZERO);
    }

    @Override
    public synchronized void reset() {
        onSuccess();
    }
}
