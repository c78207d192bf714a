package ai.aragora.rest.debates;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import ai.aragora.api.cluster.SharedCounters;
import ai.aragora.api.ops.RateLimit;

/**
 * Debate creation per principal: a token bucket each, refilled continuously. Answers how long
 * to wait when empty, for the {@code Retry-After} header. With shared counters the bucket is the
 * one every instance charges; when they fail, this instance's own bucket decides.
 */
final class CreationLimiter {

    private static final int MAX_TRACKED = 100_000;
    static final String NAME = "debates.create";

    private final int perMinute;
    private final double perNano;
    private final double burst;
    private final Map<String, double[]> buckets = new ConcurrentHashMap<>();
    private final AtomicLong rejected = new AtomicLong();
    private final Duration interval;
    /** Whether the last charge of the shared counters failed, so that this instance's bucket decided. */
    private volatile boolean sharedFailed;

    CreationLimiter(int perMinute, int burst) {
        this.perMinute = perMinute;
        this.perNano = perMinute / 60e9;
        this.burst = burst;
        this.interval = Duration.ofNanos((long) (60e9 / perMinute));
    }

    /** Its limit and use now, for {@code /api/system/rate-limits}; shared while counters are present and answer. */
    RateLimit status(long nowNanos, boolean countersPresent) {
        int limited = 0;
        for (double[] bucket : buckets.values()) {
            synchronized (bucket) {
                if (Math.min(burst, bucket[0] + (nowNanos - bucket[1]) * perNano) < 1) {
                    limited++;
                }
            }
        }
        return new RateLimit(NAME, "principal", perMinute, (int) burst, buckets.size(), limited, rejected.get(), countersPresent && !sharedFailed);
    }

    /** Zero when allowed (and counted), else the seconds to wait; {@code counters} may be null. */
    long acquire(String principal, long nowNanos, SharedCounters counters) {
        if (counters != null) {
            try {
                SharedCounters.Admission admission = counters.tryAcquire(NAME, principal, (long) burst, interval);
                sharedFailed = false;
                if (admission.admitted()) {
                    return 0;
                }
                rejected.incrementAndGet();
                return Math.max(1, (admission.retryAfter().toMillis() + 999) / 1000);
            } catch (RuntimeException unreachable) {
                // the broker is away: this instance's own bucket decides until it is back
                sharedFailed = true;
            }
        }
        return acquire(principal, nowNanos);
    }

    /** Zero when allowed (and counted), else the seconds to wait. */
    long acquire(String principal, long nowNanos) {
        if (buckets.size() > MAX_TRACKED) {
            buckets.clear();
        }
        double[] bucket = buckets.computeIfAbsent(principal, k -> new double[] {burst, nowNanos});
        synchronized (bucket) {
            bucket[0] = Math.min(burst, bucket[0] + (nowNanos - bucket[1]) * perNano);
            bucket[1] = nowNanos;
            if (bucket[0] >= 1) {
                bucket[0] -= 1;
                return 0;
            }
            rejected.incrementAndGet();
            return Math.max(1, (long) Math.ceil((1 - bucket[0]) / perNano / 1e9));
        }
    }
}
