package ai.aragora.knowledge;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import ai.aragora.api.knowledge.KnowledgeQuery;
import ai.aragora.api.knowledge.SearchResult;

/**
 * Search results asked for again (the same question of the same org and workspace: a page
 * polled, a reverse query, debates on one task), kept in memory, least recently used first out,
 * each for at most the TTL. A write to a workspace drops the results that could contain it (the
 * workspace's and the org-wide ones); a result computed while any invalidation happened is not
 * kept, so a search racing a write never caches what the write made stale. A node's counters
 * ({@code uses}, the tier a debate promoted it to) may be up to the TTL old in a cached hit.
 */
final class SearchCache {

    /**
     * What a result depends on besides the stored nodes.
     *
     * @param mode the embedding model searched with, or {@code lexical}
     */
    record Key(KnowledgeQuery query, double lexicalBoost, String mode) {
    }

    private record Entry(SearchResult result, long expiresNanos) {
    }

    private final MoundMetrics metrics;
    private final LongSupplier nanoTime;
    private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
    private int maxEntries;
    private long ttlNanos;
    /** Moves on every invalidation: a result computed across one is not kept. */
    private long generation;

    SearchCache(MoundMetrics metrics, int maxEntries, long ttlNanos, LongSupplier nanoTime) {
        this.metrics = metrics;
        this.nanoTime = nanoTime;
        resize(maxEntries, ttlNanos);
    }

    synchronized void resize(int maxEntries, long ttlNanos) {
        this.maxEntries = Math.max(0, maxEntries);
        this.ttlNanos = Math.max(0, ttlNanos);
        generation++;
        entries.clear();
    }

    /** The cached result for {@code key}, else {@code search}'s, kept for the next ask. */
    SearchResult get(Key key, Supplier<SearchResult> search) {
        long seen;
        synchronized (this) {
            Entry e = entries.get(key);
            if (e != null && nanoTime.getAsLong() - e.expiresNanos < 0) {
                metrics.cacheHits.inc();
                return e.result;
            }
            if (e != null) {
                entries.remove(key);
            }
            seen = generation;
        }
        metrics.cacheMisses.inc();
        SearchResult result = search.get();
        synchronized (this) {
            if (seen == generation && maxEntries > 0 && ttlNanos > 0) {
                entries.put(key, new Entry(result, nanoTime.getAsLong() + ttlNanos));
                Iterator<Key> oldest = entries.keySet().iterator();
                while (entries.size() > maxEntries) {
                    oldest.next();
                    oldest.remove();
                }
            }
        }
        return result;
    }

    /** Drops what a write to {@code workspaceId} of {@code orgId} (null: any of its workspaces) could have changed. */
    synchronized int invalidate(String orgId, String workspaceId) {
        generation++;
        int before = entries.size();
        entries.keySet().removeIf(k -> k.query().orgId().equals(orgId)
                && (workspaceId == null || k.query().workspaceId() == null || Objects.equals(workspaceId, k.query().workspaceId())));
        return before - entries.size();
    }

    synchronized int invalidateAll() {
        generation++;
        int before = entries.size();
        entries.clear();
        return before;
    }

    synchronized int size() {
        return entries.size();
    }
}
