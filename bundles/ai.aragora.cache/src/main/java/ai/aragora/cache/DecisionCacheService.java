package ai.aragora.cache;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.github.benmanes.caffeine.cache.Ticker;

import ai.aragora.api.agent.Agent;
import ai.aragora.api.cache.CacheStats;
import ai.aragora.api.cache.CacheTags;
import ai.aragora.api.cache.DecisionCache;
import ai.aragora.api.cluster.ClusterBus;

/**
 * The decision cache service. It watches agent registrations: when an agent appears in a
 * version other than the one cached entries were made with (a provider bundle was upgraded or
 * rolled back), those entries go. A new policy version in the configuration makes older entries
 * stale without removing them at once.
 */
@Component(service = DecisionCache.class, configurationPid = DecisionCacheConfig.PID)
@Designate(ocd = DecisionCacheConfig.class)
public class DecisionCacheService implements DecisionCache {

    private static final Logger LOG = LoggerFactory.getLogger(DecisionCacheService.class);

    private final TaggedDecisionStore store;
    private final ClusterInvalidations cluster;

    @Activate
    public DecisionCacheService(DecisionCacheConfig config) {
        this.store = new TaggedDecisionStore(config.max_size(), Duration.ofSeconds(config.ttl_seconds()), config.policy_version(),
                Ticker.systemTicker());
        this.cluster = new ClusterInvalidations(store);
    }

    /** With a cluster broker, invalidations asked here reach every instance, and theirs reach this one. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindBus")
    void bindBus(ClusterBus bus) {
        cluster.bind(bus);
    }

    void unbindBus(ClusterBus bus) {
        cluster.unbind(bus);
    }

    @Modified
    void modified(DecisionCacheConfig config) {
        store.resize(config.max_size(), Duration.ofSeconds(config.ttl_seconds()));
        if (!store.policyVersion().equals(config.policy_version())) {
            changePolicyVersion(config.policy_version());
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addAgent(Agent agent, Map<String, Object> props) {
        Object name = props.get(Agent.NAME);
        Object version = props.get(Agent.VERSION);
        if (name != null && version != null) {
            int removed = store.invalidateOtherAgentVersions(name.toString(), version.toString());
            if (removed > 0) {
                LOG.info("agent {} is now at version {}: {} cached decisions of other versions invalidated", name, version, removed);
            }
        }
    }

    void removeAgent(Agent agent) {
        // Entries stay valid until a different version of the agent shows up.
    }

    @Override
    public <T> Optional<T> get(String key, Class<T> type) {
        return store.get(key, type);
    }

    @Override
    public void put(String key, Object value, CacheTags tags) {
        store.put(key, value, tags);
    }

    @Override
    public int invalidateWorkspace(String workspace) {
        cluster.workspace(workspace);
        return store.invalidateWorkspace(workspace);
    }

    @Override
    public int invalidateTag(String tag) {
        cluster.tag(tag);
        return store.invalidateTag(tag);
    }

    @Override
    public int invalidateAgentVersion(String agent, String version) {
        cluster.agentVersion(agent, version);
        return store.invalidateAgentVersion(agent, version);
    }

    @Override
    public void changePolicyVersion(String version) {
        store.changePolicyVersion(version);
        LOG.info("decision cache policy version is now {}; older entries are stale", version);
    }

    @Override
    public int invalidateAll() {
        cluster.all();
        return store.invalidateAll();
    }

    @Override
    public String policyVersion() {
        return store.policyVersion();
    }

    @Override
    public CacheStats stats() {
        return store.stats();
    }
}
