package ai.aragora.api.cluster;

import java.time.Duration;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Computed values every instance can reuse (search results, say), each filed under scopes that
 * stand for what it was computed from. Invalidating a scope makes every value filed under it
 * unreachable on every instance at once, without listing them: each scope has a version, and a
 * value is found only under the versions its scopes had when it was looked up. A value computed
 * across an invalidation is therefore stored where no later lookup looks, and expires unread.
 * Registered with {@link #PURPOSE} naming its one consumer; only when configured.
 */
@ProviderType
public interface SharedCache {

    /** Service property naming what the cache is for ({@code knowledge-mound}). */
    String PURPOSE = "cache.purpose";

    /**
     * The value filed under {@code key} at the scopes' current versions, and the ticket to file a
     * value computed now. One round trip.
     *
     * @throws IllegalStateException when the cache cannot be reached; callers compute the value
     */
    Lookup lookup(String key, List<String> scopes);

    /**
     * Files {@code value} under the lookup's ticket for {@code ttl}. Never waits on the server and
     * never throws: a value that was not stored is computed again by whoever asks next.
     */
    void store(Lookup lookup, byte[] value, Duration ttl);

    /**
     * Makes every value filed under any of {@code scopes} unreachable, on every instance, before
     * returning. When the cache cannot be reached it remembers that invalidations were missed and
     * drops everything once it can again; values stay reachable meanwhile for at most their TTL.
     */
    void invalidate(List<String> scopes);

    /** Whether the cache answered its latest command. */
    boolean connected();

    /**
     * The outcome of {@link #lookup}.
     *
     * @param ticket where a value computed now is filed (opaque)
     * @param value the value found, or null
     */
    record Lookup(String ticket, byte[] value) {

        public boolean hit() {
            return value != null;
        }
    }
}
