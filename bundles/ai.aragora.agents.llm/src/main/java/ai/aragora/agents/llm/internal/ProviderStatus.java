package ai.aragora.agents.llm.internal;

import java.util.List;
import java.util.Objects;

import ai.aragora.api.agent.AgentInfo;

/** A provider's state for {@code /api/agents/health}: whether it is configured, why not, and its agents. */
public record ProviderStatus(String provider, boolean configured, String detail, List<AgentInfo> agents) {

    public ProviderStatus {
        Objects.requireNonNull(provider, "provider");
        detail = detail == null ? "" : detail;
        agents = agents == null ? List.of() : List.copyOf(agents);
    }
}
