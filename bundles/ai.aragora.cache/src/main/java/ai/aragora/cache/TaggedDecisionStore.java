package ai.aragora.cache;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

import ai.aragora.api.cache.CacheStats;
import ai.aragora.api.cache.CacheTags;
import ai.aragora.api.cache.InvalidationKind;

/**
 * The cache itself: entries bounded in size and age, each remembering the tags it depended
 * on. Tag-based invalidations scan the entries (the cache is bounded, the scans are rare);
 * a policy change is lazy: stale entries are dropped when next looked up.
 */
final class TaggedDecisionStore {

    private record Entry(Object value, CacheTags tags) {
    }

    private final Cache<String, Entry> entries;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final Map<InvalidationKind, AtomicLong> invalidations = new EnumMap<>(InvalidationKind.class);
    private volatile String policyVersion;

    TaggedDecisionStore(long maxSize, Duration ttl, String policyVersion, Ticker ticker) {
        this.entries = Caffeine.newBuilder().maximumSize(maxSize).expireAfterWrite(ttl).ticker(ticker)
                // maintenance on the caller's thread: no background work to outlive the bundle
                .executor(Runnable::run).build();
        this.policyVersion = Objects.requireNonNull(policyVersion, "policyVersion");
        for (InvalidationKind kind : InvalidationKind.values()) {
            invalidations.put(kind, new AtomicLong());
        }
    }

    <T> Optional<T> get(String key, Class<T> type) {
        Entry entry = entries.getIfPresent(key);
        if (entry != null && !policyVersion.equals(entry.tags().policyVersion())) {
            if (entries.asMap().remove(key, entry)) {
                invalidations.get(InvalidationKind.POLICY_VERSION).incrementAndGet();
            }
            entry = null;
        }
        if (entry == null || !type.isInstance(entry.value())) {
            misses.incrementAndGet();
            return Optional.empty();
        }
        hits.incrementAndGet();
        return Optional.of(type.cast(entry.value()));
    }

    void put(String key, Object value, CacheTags tags) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        CacheTags t = tags == null ? new CacheTags(null, null, null, null) : tags;
        CacheTags stamped = t.policyVersion() == null ? new CacheTags(t.workspace(), policyVersion, t.agentVersions(), t.tags()) : t;
        entries.put(key, new Entry(value, stamped));
    }

    int invalidateWorkspace(String workspace) {
        return invalidate(InvalidationKind.WORKSPACE, tags -> Objects.equals(workspace, tags.workspace()));
    }

    int invalidateTag(String tag) {
        return invalidate(InvalidationKind.TAG, tags -> tags.tags().contains(tag));
    }

    int invalidateAgentVersion(String agent, String version) {
        return invalidate(InvalidationKind.AGENT_VERSION, tags -> Objects.equals(version, tags.agentVersions().get(agent)));
    }

    /** Entries made with any other version of {@code agent} than {@code current}: an upgrade (or downgrade) happened. */
    int invalidateOtherAgentVersions(String agent, String current) {
        return invalidate(InvalidationKind.AGENT_VERSION, tags -> {
            String used = tags.agentVersions().get(agent);
            return used != null && !used.equals(current);
        });
    }

    int invalidateAll() {
        return invalidate(InvalidationKind.ALL, tags -> true);
    }

    void changePolicyVersion(String version) {
        policyVersion = Objects.requireNonNull(version, "version");
    }

    String policyVersion() {
        return policyVersion;
    }

    void resize(long maxSize, Duration ttl) {
        entries.policy().eviction().ifPresent(e -> e.setMaximum(maxSize));
        entries.policy().expireAfterWrite().ifPresent(e -> e.setExpiresAfter(ttl));
    }

    CacheStats stats() {
        entries.cleanUp();
        long max = entries.policy().eviction().map(e -> e.getMaximum()).orElse(Long.MAX_VALUE);
        Duration ttl = entries.policy().expireAfterWrite().map(e -> e.getExpiresAfter()).orElse(Duration.ZERO);
        Map<InvalidationKind, Long> counts = new EnumMap<>(InvalidationKind.class);
        invalidations.forEach((kind, n) -> counts.put(kind, n.get()));
        return new CacheStats(hits.get(), misses.get(), entries.estimatedSize(), max, ttl, policyVersion, counts);
    }

    private int invalidate(InvalidationKind kind, Predicate<CacheTags> matches) {
        int[] removed = {0};
        entries.asMap().entrySet().removeIf(e -> {
            boolean match = matches.test(e.getValue().tags());
            removed[0] += match ? 1 : 0;
            return match;
        });
        invalidations.get(kind).addAndGet(removed[0]);
        return removed[0];
    }
}
