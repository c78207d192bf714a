package ai.aragora.api.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link SharedCache} in memory for tests of several instances, with the versioned scopes of
 * the contract: each instance holding the same object shares its values. TTLs are not kept.
 * While {@link #down} it refuses lookups and misses invalidations, and drops everything once up
 * again, as the contract says.
 */
public final class MemorySharedCache implements SharedCache {

    private final Map<String, Long> versions = new ConcurrentHashMap<>();
    private final Map<String, byte[]> values = new ConcurrentHashMap<>();
    public final AtomicInteger hits = new AtomicInteger();
    public final AtomicInteger stores = new AtomicInteger();
    public volatile boolean down;
    private volatile boolean missed;

    @Override
    public synchronized Lookup lookup(String key, List<String> scopes) {
        if (down) {
            throw new IllegalStateException("shared cache unreachable: down for the test");
        }
        if (missed) {
            values.clear();
            missed = false;
        }
        StringBuilder ticket = new StringBuilder(key).append('@');
        scopes.forEach(s -> ticket.append(versions.getOrDefault(s, 0L)).append('.'));
        byte[] value = values.get(ticket.toString());
        if (value != null) {
            hits.incrementAndGet();
        }
        return new Lookup(ticket.toString(), value);
    }

    @Override
    public void store(Lookup lookup, byte[] value, Duration ttl) {
        if (!down) {
            values.put(lookup.ticket(), value.clone());
            stores.incrementAndGet();
        }
    }

    @Override
    public synchronized void invalidate(List<String> scopes) {
        if (down) {
            missed = true;
            return;
        }
        scopes.forEach(s -> versions.merge(s, 1L, Long::sum));
    }

    @Override
    public boolean connected() {
        return !down;
    }
}
