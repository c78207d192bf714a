package ai.aragora.api.cache;

import java.time.Duration;
import java.util.Map;

/**
 * Counters since start, the entries held now, the bounds, the current policy version, and
 * how many entries each kind of invalidation removed.
 */
public record CacheStats(long hits, long misses, long size, long maxSize, Duration ttl, String policyVersion,
        Map<InvalidationKind, Long> invalidations) {

    public CacheStats {
        invalidations = invalidations == null ? Map.of() : Map.copyOf(invalidations);
    }

    /** Hits over lookups, 0 before the first lookup. */
    public double hitRate() {
        long lookups = hits + misses;
        return lookups == 0 ? 0 : (double) hits / lookups;
    }
}
