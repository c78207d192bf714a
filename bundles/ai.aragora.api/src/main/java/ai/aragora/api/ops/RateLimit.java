package ai.aragora.api.ops;

/**
 * One limiter as {@code GET /api/system/rate-limits} shows it.
 *
 * @param name what is limited, e.g. {@code debates.create}
 * @param scope per what the limit counts: {@code principal}, {@code email}, {@code connection}
 * @param perMinute the sustained rate allowed per key
 * @param burst how many may come at once
 * @param trackedKeys keys with a bucket now
 * @param limitedKeys keys that would be refused right now
 * @param rejected requests refused since start
 * @param shared whether the limit is charged across every instance (a cluster broker answers) or
 *            per instance; the key counts are this instance's in-process buckets either way
 */
public record RateLimit(String name, String scope, double perMinute, int burst, int trackedKeys, int limitedKeys, long rejected,
        boolean shared) {

    /** A limit of this instance alone. */
    public RateLimit(String name, String scope, double perMinute, int burst, int trackedKeys, int limitedKeys, long rejected) {
        this(name, scope, perMinute, burst, trackedKeys, limitedKeys, rejected, false);
    }
}
