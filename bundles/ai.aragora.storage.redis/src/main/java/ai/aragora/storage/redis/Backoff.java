package ai.aragora.storage.redis;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Waits between reconnection attempts: doubling from {@code base} up to {@code max}, each wait
 * drawn from its upper half so that instances restarted together do not reconnect in step.
 */
final class Backoff {

    private final long baseMillis;
    private final long maxMillis;
    private int attempt;

    Backoff(long baseMillis, long maxMillis) {
        this.baseMillis = baseMillis;
        this.maxMillis = Math.max(baseMillis, maxMillis);
    }

    long nextMillis() {
        long cap = Math.min(maxMillis, baseMillis << Math.min(attempt, 20));
        attempt++;
        return cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1);
    }

    void reset() {
        attempt = 0;
    }
}
