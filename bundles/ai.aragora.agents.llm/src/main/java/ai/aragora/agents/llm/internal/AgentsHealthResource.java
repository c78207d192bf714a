package ai.aragora.agents.llm.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

import ai.aragora.api.agent.Agent;
import ai.aragora.api.agent.AgentInfo;
import ai.aragora.api.resilience.BreakerSnapshot;
import ai.aragora.api.resilience.BreakerState;
import ai.aragora.api.resilience.Resilience;

/**
 * {@code GET /api/agents/health}: every registered agent with its breaker, every provider
 * bundle (including those registering nothing because their key is missing), and whether
 * fallback is on.
 */
@Component(service = AgentsHealthResource.class)
@JakartarsResource
@JSONRequired
@Path("api{v: (/v1)?}/agents/health")
@Produces(MediaType.APPLICATION_JSON)
public class AgentsHealthResource {

    /** An agent's breaker before its first call: the same fields, with no limits known yet. */
    private static final Map<String, Object> NOT_CALLED_YET = notCalledYet();

    private final Resilience resilience;
    private final List<Agent> agents = new CopyOnWriteArrayList<>();
    private final List<AgentProvider> providers = new CopyOnWriteArrayList<>();
    private volatile FallbackChat fallback;

    @Activate
    public AgentsHealthResource(@Reference Resilience resilience) {
        this.resilience = resilience;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addAgent(Agent agent) {
        agents.add(agent);
    }

    void removeAgent(Agent agent) {
        agents.remove(agent);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addProvider(AgentProvider provider) {
        providers.add(provider);
    }

    void removeProvider(AgentProvider provider) {
        providers.remove(provider);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setFallback(FallbackChat chat) {
        fallback = chat;
    }

    void unsetFallback(FallbackChat chat) {
        if (fallback == chat) {
            fallback = null;
        }
    }

    @GET
    public Map<String, Object> health() {
        List<AgentInfo> infos = new ArrayList<>();
        for (Agent agent : agents) {
            infos.add(agent.info());
        }
        List<ProviderStatus> statuses = providers.stream().map(AgentProvider::status)
                .sorted(Comparator.comparing(ProviderStatus::provider)).toList();
        FallbackChat chat = fallback;
        return report(infos, statuses, resilience.breakers(Resilience.AGENTS), chat == null ? null : chat.provider());
    }

    private static Map<String, Object> notCalledYet() {
        Map<String, Object> none = new LinkedHashMap<>();
        none.put("status", BreakerState.CLOSED.wire());
        none.put("failures", 0);
        none.put("failure_threshold", null);
        none.put("cooldown_seconds", null);
        none.put("cooldown_remaining", 0.0);
        return Collections.unmodifiableMap(none);
    }

    static Map<String, Object> report(List<AgentInfo> infos, List<ProviderStatus> statuses, List<BreakerSnapshot> breakers,
            String fallbackProvider) {
        Map<String, BreakerSnapshot> byName = new TreeMap<>();
        breakers.forEach(b -> byName.put(b.name(), b));
        Map<String, Object> agentsOut = new TreeMap<>();
        int available = 0;
        int open = 0;
        int halfOpen = 0;
        for (AgentInfo info : infos) {
            BreakerSnapshot breaker = byName.get(info.name());
            BreakerState state = breaker == null ? BreakerState.CLOSED : breaker.state();
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("provider", info.provider());
            a.put("model", info.model());
            a.put("version", info.version());
            a.put("available", state != BreakerState.OPEN);
            a.putAll(breaker == null ? NOT_CALLED_YET : breaker.wire());
            agentsOut.put(info.name(), a);
            available += state != BreakerState.OPEN ? 1 : 0;
            open += state == BreakerState.OPEN ? 1 : 0;
            halfOpen += state == BreakerState.HALF_OPEN ? 1 : 0;
        }
        Map<String, Object> providersOut = new LinkedHashMap<>();
        List<String> unconfigured = new ArrayList<>();
        for (ProviderStatus s : statuses) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("configured", s.configured());
            p.put("agents", s.agents().stream().map(AgentInfo::name).toList());
            if (!s.detail().isEmpty()) {
                p.put("detail", s.detail());
            }
            providersOut.put(s.provider(), p);
            if (!s.configured()) {
                unconfigured.add(s.provider());
            }
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("total", infos.size());
        summary.put("available", available);
        summary.put("open", open);
        summary.put("half_open", halfOpen);
        summary.put("unconfigured_providers", unconfigured);
        Map<String, Object> fallbackOut = new LinkedHashMap<>();
        fallbackOut.put("enabled", fallbackProvider != null);
        fallbackOut.put("provider", fallbackProvider);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", infos.isEmpty() || available == 0 ? "unavailable" : open + halfOpen > 0 ? "degraded" : "healthy");
        body.put("agents", agentsOut);
        body.put("providers", providersOut);
        body.put("fallback", fallbackOut);
        body.put("summary", summary);
        return body;
    }
}
