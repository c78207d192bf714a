package ai.aragora.cache;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.aragora.api.cluster.ClusterBus;
import ai.aragora.api.cluster.ClusterChannel;
import ai.aragora.api.cluster.ClusterListener;
import ai.aragora.api.cluster.ClusterMessage;

/**
 * Invalidations asked of this instance, sent to the others over the cluster bus, and theirs
 * applied here without sending them on. When the bus was away, invalidations may have been
 * missed: every entry goes, since a stale decision is worse than a recomputed one. An
 * invalidation whose announcement fails fails, before anything is dropped here: the caller learns
 * that the other instances still hold what it asked to drop, and can ask again.
 */
final class ClusterInvalidations implements ClusterListener {

    static final String CHANNEL = "decision-cache.invalidations";
    private static final Logger LOG = LoggerFactory.getLogger(ClusterInvalidations.class);

    private final TaggedDecisionStore store;
    private final ClusterChannel channel = new ClusterChannel(CHANNEL, this);

    ClusterInvalidations(TaggedDecisionStore store) {
        this.store = store;
    }

    void bind(ClusterBus bus) {
        channel.bind(bus);
    }

    void unbind(ClusterBus bus) {
        channel.unbind(bus);
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

    private void publish(String payload) {
        channel.publish(payload);
    }

    @Override
    public void onMessage(ClusterMessage message) {
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
