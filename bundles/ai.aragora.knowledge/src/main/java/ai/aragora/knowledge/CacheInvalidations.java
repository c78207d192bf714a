package ai.aragora.knowledge;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.aragora.api.cluster.ClusterBus;
import ai.aragora.api.cluster.ClusterChannel;
import ai.aragora.api.cluster.ClusterListener;
import ai.aragora.api.cluster.ClusterMessage;

/**
 * The search cache's invalidations between instances sharing one database: each write here drops
 * what it made stale in the shared tier at once and is announced on the cluster bus, and the
 * others' writes drop the entries they made stale here.
 * Without a bus every instance's cache only sees its own writes; after the bus was away,
 * announcements may have been missed and the whole cache goes. A failed announcement never
 * fails the write: the others' caches expire by their own TTL.
 *
 * <p>Writes nobody waits to read (what adapters learn from finished debates, vectors of new nodes)
 * are gathered and dropped together after a short delay: under debate load they land many times
 * a second, and dropping each at once would leave every debate's lookup a miss. Such writes are
 * already asynchronous to what caused them, so the delay only adds to a lag that exists.
 */
final class CacheInvalidations implements ClusterListener {

    static final String CHANNEL = "knowledge-mound.cache";
    private static final Logger LOG = LoggerFactory.getLogger(CacheInvalidations.class);

    /** A workspace of an org written to; a null workspace stands for all of the org's. */
    private record Written(String orgId, String workspaceId) {
    }

    private final SearchCache cache;
    private final SharedSearches shared;
    private final ClusterChannel channel = new ClusterChannel(CHANNEL, this);
    private final ScheduledExecutorService timer;
    private final IntSupplier delayMillis;
    /** Guarded by itself. */
    private final Set<Written> gathered = new LinkedHashSet<>();
    private boolean flushQueued;

    CacheInvalidations(SearchCache cache, SharedSearches shared, ScheduledExecutorService timer, IntSupplier delayMillis) {
        this.cache = cache;
        this.shared = shared;
        this.timer = timer;
        this.delayMillis = delayMillis;
    }

    void bind(ClusterBus bus) {
        channel.bind(bus);
        cache.invalidateAll(); // writes of the others before now were not heard
    }

    void unbind(ClusterBus bus) {
        channel.unbind(bus);
    }

    boolean shared() {
        return channel.bound();
    }

    void close() {
        channel.close();
    }

    /** Drops here what a write to the workspace (null: to any of the org's) made stale, and tells the others. */
    void written(String orgId, String workspaceId) {
        cache.invalidate(orgId, workspaceId);
        shared.written(orgId, workspaceId);
        publish(orgId + "\n" + (workspaceId == null ? "" : workspaceId));
    }

    /** As {@link #written}, within the delay, together with the other background writes meanwhile. */
    void writtenInBackground(String orgId, String workspaceId) {
        int delay = delayMillis.getAsInt();
        if (delay <= 0) {
            written(orgId, workspaceId);
            return;
        }
        synchronized (gathered) {
            gathered.add(new Written(orgId, workspaceId));
            if (flushQueued) {
                return;
            }
            flushQueued = true;
        }
        try {
            timer.schedule(this::flush, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            flush();
        }
    }

    /** Drops what the background writes gathered so far made stale, here and everywhere. */
    void flush() {
        List<Written> due;
        synchronized (gathered) {
            due = new ArrayList<>(gathered);
            gathered.clear();
            flushQueued = false;
        }
        due.forEach(w -> written(w.orgId(), w.workspaceId()));
    }

    /** Drops everything here and everywhere (the hourly tier pass touches every org). */
    void writtenEverywhere() {
        cache.invalidateAll();
        shared.writtenEverywhere();
        publish("");
    }

    private void publish(String payload) {
        try {
            channel.publish(payload);
        } catch (RuntimeException e) {
            LOG.debug("announcing a knowledge cache invalidation failed: {}", e.toString());
        }
    }

    @Override
    public void onMessage(ClusterMessage message) {
        String payload = message.payload();
        int cut = payload.indexOf('\n');
        if (payload.isEmpty()) {
            cache.invalidateAll();
        } else if (cut > 0) {
            String workspace = payload.substring(cut + 1);
            cache.invalidate(payload.substring(0, cut), workspace.isEmpty() ? null : workspace);
        } else {
            LOG.warn("ignored a knowledge cache invalidation of an unknown form from instance {}", message.origin());
        }
    }

    @Override
    public void reconnected() {
        int dropped = cache.invalidateAll();
        LOG.info("cluster bus back after an outage: {} cached knowledge searches dropped, since invalidations may have been missed", dropped);
    }
}
