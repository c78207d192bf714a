package ai.aragora.knowledge;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.aragora.api.cluster.ClusterBus;
import ai.aragora.api.cluster.ClusterChannel;
import ai.aragora.api.cluster.ClusterListener;
import ai.aragora.api.cluster.ClusterMessage;

/**
 * The search cache's invalidations between instances sharing one database: each write here is
 * announced on the cluster bus, and the others' writes drop the entries they made stale here.
 * Without a bus every instance's cache only sees its own writes; after the bus was away,
 * announcements may have been missed and the whole cache goes. A failed announcement never
 * fails the write: the others' caches expire by their own TTL.
 */
final class CacheInvalidations implements ClusterListener {

    static final String CHANNEL = "knowledge-mound.cache";
    private static final Logger LOG = LoggerFactory.getLogger(CacheInvalidations.class);

    private final SearchCache cache;
    private final ClusterChannel channel = new ClusterChannel(CHANNEL, this);

    CacheInvalidations(SearchCache cache) {
        this.cache = cache;
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
        publish(orgId + "\n" + (workspaceId == null ? "" : workspaceId));
    }

    /** Drops everything here and everywhere (the hourly tier pass touches every org). */
    void writtenEverywhere() {
        cache.invalidateAll();
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
