package ai.aragora.knowledge;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import ai.aragora.api.knowledge.KnowledgeQuery;
import ai.aragora.api.knowledge.SearchResult;

/**
 * Search results asked for again (the same question of the same org and workspace: a page
 * polled, a reverse query, debates on one task), kept in memory, least recently used first out,
 * each for at most the TTL. A write to a workspace drops the results that could contain it (the
 * workspace's and the org-wide ones); a result computed while a write to its org landed is not
 * kept, so a search racing a write never caches what the write made stale. Writes to other orgs
 * leave a search alone: under load some org is always being written to. A node's counters
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

    /** A search under way, started at {@code clock}. */
    private static final class Flight {
        final long started;
        final CompletableFuture<SearchResult> result = new CompletableFuture<>();

        Flight(long started) {
            this.started = started;
        }
    }

    private final MoundMetrics metrics;
    private final LongSupplier nanoTime;
    private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
    /** Guarded by this. */
    private final Map<Key, Flight> inFlight = new HashMap<>();
    private int maxEntries;
    private long ttlNanos;
    /** Moves on every invalidation: a result computed across one of its org is not kept. */
    private long clock;
    /** The clock at the last invalidation of everything. */
    private long allInvalidatedAt;
    /** The clock at each org's last invalidation since then; as many entries as orgs written to. */
    private final Map<String, Long> orgInvalidatedAt = new HashMap<>();

    SearchCache(MoundMetrics metrics, int maxEntries, long ttlNanos, LongSupplier nanoTime) {
        this.metrics = metrics;
        this.nanoTime = nanoTime;
        resize(maxEntries, ttlNanos);
    }

    synchronized void resize(int maxEntries, long ttlNanos) {
        this.maxEntries = Math.max(0, maxEntries);
        this.ttlNanos = Math.max(0, ttlNanos);
        invalidateAll();
    }

    /**
     * The cached result for {@code key}, else {@code search}'s, kept for the next ask. Asks of the
     * same key while its search runs, with no invalidation since it started, wait for that
     * search instead of running their own (debates on one task starting together).
     */
    SearchResult get(Key key, Supplier<SearchResult> search) {
        long seen;
        Flight joined = null;
        Flight mine = null;
        synchronized (this) {
            Entry e = entries.get(key);
            if (e != null && nanoTime.getAsLong() - e.expiresNanos < 0) {
                metrics.cacheHits.inc();
                return e.result;
            }
            if (e != null) {
                entries.remove(key);
            }
            seen = clock;
            Flight flying = inFlight.get(key);
            if (flying != null && unwrittenSince(key, flying.started)) {
                joined = flying;
                metrics.cacheHits.inc();
            } else {
                mine = new Flight(seen);
                inFlight.put(key, mine);
            }
        }
        if (joined != null) {
            try {
                return joined.result.join();
            } catch (RuntimeException failed) {
                // the search it waited for failed: this ask searches itself
                metrics.cacheMisses.inc();
                return search.get();
            }
        }
        metrics.cacheMisses.inc();
        SearchResult result;
        try {
            result = search.get();
        } catch (RuntimeException | Error e) {
            land(key, mine);
            mine.result.completeExceptionally(e);
            throw e;
        }
        land(key, mine);
        mine.result.complete(result);
        synchronized (this) {
            if (unwrittenSince(key, seen) && maxEntries > 0 && ttlNanos > 0) {
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

    private synchronized void land(Key key, Flight flight) {
        inFlight.remove(key, flight);
    }

    /** Guarded by this: no invalidation of the key's org since the clock read {@code seen}. */
    private boolean unwrittenSince(Key key, long seen) {
        return allInvalidatedAt <= seen && orgInvalidatedAt.getOrDefault(key.query().orgId(), 0L) <= seen;
    }

    /** Drops what a write to {@code workspaceId} of {@code orgId} (null: any of its workspaces) could have changed. */
    synchronized int invalidate(String orgId, String workspaceId) {
        orgInvalidatedAt.put(orgId, ++clock);
        int before = entries.size();
        entries.keySet().removeIf(k -> k.query().orgId().equals(orgId)
                && (workspaceId == null || k.query().workspaceId() == null || Objects.equals(workspaceId, k.query().workspaceId())));
        return before - entries.size();
    }

    synchronized int invalidateAll() {
        allInvalidatedAt = ++clock;
        orgInvalidatedAt.clear();
        int before = entries.size();
        entries.clear();
        return before;
    }

    synchronized int size() {
        return entries.size();
    }
}
