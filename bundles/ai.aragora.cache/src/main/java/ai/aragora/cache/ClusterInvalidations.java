package ai.aragora.cache;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.aragora.api.cluster.ClusterBus;
import ai.aragora.api.cluster.ClusterListener;
import ai.aragora.api.cluster.ClusterMessage;

/**
 * Invalidations asked of this instance, sent to the others over the cluster bus, and theirs
 * applied here without sending them on. When the bus was away, invalidations may have been
 * missed: every entry goes, since a stale decision is worse than a recomputed one.
 */
final class ClusterInvalidations implements ClusterListener {

    static final String CHANNEL = "decision-cache.invalidations";
    private static final Logger LOG = LoggerFactory.getLogger(ClusterInvalidations.class);

    private final TaggedDecisionStore store;
    private ClusterBus bus;
    private AutoCloseable subscription;

    ClusterInvalidations(TaggedDecisionStore store) {
        this.store = store;
    }

    synchronized void bind(ClusterBus bus) {
        close();
        this.bus = bus;
        this.subscription = bus.subscribe(CHANNEL, this);
    }

    synchronized void unbind(ClusterBus bus) {
        if (this.bus == bus) {
            close();
        }
    }

    private void close() {
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                LOG.debug("closing the invalidation subscription: {}", e.toString());
            }
        }
        subscription = null;
        bus = null;
    }

    void workspace(String workspace) {
        publish("workspace\n" + workspace);
    }

    void tag(String tag) {
        publish("tag\n" + tag);
    }

    void agentVersion(String agent, String version) {
        publish("agent\n" + agent + "\n" + version);
    }

    void all() {
        publish("all");
    }

    private synchronized void publish(String payload) {
        if (bus != null) {
            bus.publish(CHANNEL, payload);
        }
    }

    @Override
    public void onMessage(ClusterMessage message) {
        ClusterBus current;
        synchronized (this) {
            current = bus;
        }
        if (current == null || message.origin().equals(current.instanceId())) {
            return;
        }
        String[] parts = message.payload().split("\n", 3);
        int removed = switch (parts[0]) {
            case "workspace" -> parts.length == 2 ? store.invalidateWorkspace(parts[1]) : -1;
            case "tag" -> parts.length == 2 ? store.invalidateTag(parts[1]) : -1;
            case "agent" -> parts.length == 3 ? store.invalidateAgentVersion(parts[1], parts[2]) : -1;
            case "all" -> store.invalidateAll();
            default -> -1;
        };
        if (removed < 0) {
            LOG.warn("ignored a decision-cache invalidation of an unknown form from instance {}", message.origin());
        } else {
            LOG.debug("{} cached decisions invalidated by instance {} ({})", removed, message.origin(), parts[0]);
        }
    }

    @Override
    public void reconnected() {
        int removed = store.invalidateAll();
        LOG.info("cluster bus back after an outage: {} cached decisions dropped, since invalidations may have been missed", removed);
    }
}
