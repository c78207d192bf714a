package ai.aragora.auth;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import ai.aragora.api.cluster.SharedCounters;
import ai.aragora.api.ops.RateLimit;

/**
 * Brute force: at most a few login attempts a minute per account, on every instance together
 * when counters are shared (a bucket of that many, refilled over the minute), else on this one
 * in a one-minute window.
 */
final class LoginThrottle {

    static final String NAME = "auth.login";
    static final int ATTEMPTS_PER_MINUTE = 10;
    private static final Duration REFILL = Duration.ofMinutes(1).dividedBy(ATTEMPTS_PER_MINUTE);
    private static final long WINDOW = TimeUnit.MINUTES.toNanos(1);
    private static final int MAX_TRACKED = 100_000;

    /** Per account: the window's start and the attempts in it. */
    private final Map<String, long[]> attempts = new ConcurrentHashMap<>();
    private final AtomicLong rejected = new AtomicLong();

    /** Whether this attempt may go on; a refusal is counted. */
    boolean admit(String email, SharedCounters shared, long now) {
        if (shared != null) {
            try {
                return counted(shared.tryAcquire(NAME, email, ATTEMPTS_PER_MINUTE, REFILL).admitted());
            } catch (IllegalStateException unreachable) {
                // the broker is away: this instance's own window decides until it is back
            }
        }
        long[] window = attempts.computeIfAbsent(email, k -> new long[] {now, 0});
        boolean admitted;
        synchronized (window) {
            if (now - window[0] > WINDOW) {
                window[0] = now;
                window[1] = 0;
            }
            admitted = ++window[1] <= ATTEMPTS_PER_MINUTE;
        }
        if (attempts.size() > MAX_TRACKED) {
            attempts.clear();
        }
        return counted(admitted);
    }

    /** As {@code GET /api/system/rate-limits} shows it. */
    RateLimit status(long now, boolean shared) {
        int limited = 0;
        for (long[] window : attempts.values()) {
            synchronized (window) {
                if (now - window[0] <= WINDOW && window[1] >= ATTEMPTS_PER_MINUTE) {
                    limited++;
                }
            }
        }
        return new RateLimit(NAME, "email", ATTEMPTS_PER_MINUTE, ATTEMPTS_PER_MINUTE, attempts.size(), limited, rejected.get(),
                shared);
    }

    private boolean counted(boolean admitted) {
        if (!admitted) {
            rejected.incrementAndGet();
        }
        return admitted;
    }
}
