package ai.aragora.api.cache;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Cached decisions by key, bounded in size and time. Values must be API types or
 * JSON-compatible values (strings, numbers, booleans, lists and maps of them), never classes of
 * a bundle that may be replaced. Every invalidation returns how many entries it removed.
 */
@ProviderType
public interface DecisionCache {

    /** The value under {@code key} if present, fresh, of the current policy version and of {@code type}. */
    <T> Optional<T> get(String key, Class<T> type);

    void put(String key, Object value, CacheTags tags);

    int invalidateWorkspace(String workspace);

    int invalidateTag(String tag);

    /** Entries produced with {@code version} of {@code agent}. */
    int invalidateAgentVersion(String agent, String version);

    /**
     * Makes {@code version} current. Lazy: entries of other versions are not removed now but
     * count as invalidated (and are dropped) when next looked up.
     */
    void changePolicyVersion(String version);

    int invalidateAll();

    /** The current policy version: read on every decision, so without the work {@link #stats()} does. */
    String policyVersion();

    CacheStats stats();
}
