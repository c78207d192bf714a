package ai.aragora.rest.debates;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Debate creation per principal: a token bucket each, refilled continuously. Answers how long
 * to wait when empty, for the {@code Retry-After} header.
 */
final class CreationLimiter {

    private static final int MAX_TRACKED = 100_000;

    private final double perNano;
    private final double burst;
    private final Map<String, double[]> buckets = new ConcurrentHashMap<>();

    CreationLimiter(int perMinute, int burst) {
        this.perNano = perMinute / 60e9;
        this.burst = burst;
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
            return Math.max(1, (long) Math.ceil((1 - bucket[0]) / perNano / 1e9));
        }
    }
}
