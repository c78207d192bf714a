package ai.aragora.agents.llm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.aragora.api.agent.AgentInfo;
import ai.aragora.api.resilience.BreakerSnapshot;
import ai.aragora.api.resilience.BreakerState;

class AgentsHealthResourceTest {

    private static final AgentInfo CLAUDE = new AgentInfo("anthropic-api", "anthropic", "claude-sonnet-4-5", "claude", "1.2.0");
    private static final AgentInfo GROK = new AgentInfo("grok", "xai", "grok-4", "grok", "1.2.0");

    private static final BreakerSnapshot GROK_OPEN =
            new BreakerSnapshot("agents", "grok", BreakerState.OPEN, 5, 5, Duration.ofSeconds(60), Duration.ofSeconds(12));

    @Test
    @SuppressWarnings("unchecked")
    void everyAgentWithItsBreakerEveryProviderAndTheFallback() {
        Map<String, Object> body = AgentsHealthResource.report(List.of(CLAUDE, GROK),
                List.of(new ProviderStatus("anthropic", true, null, List.of(CLAUDE)),
                        new ProviderStatus("openai", false, "OPENAI_API_KEY is not set: no agents registered", List.of())),
                List.of(GROK_OPEN), "openrouter");
        assertThat(body.get("status")).isEqualTo("degraded");
        Map<String, Map<String, Object>> agents = (Map<String, Map<String, Object>>) body.get("agents");
        assertThat(agents.get("grok")).containsEntry("status", "open").containsEntry("available", false)
                .containsEntry("failures", 5).containsEntry("cooldown_remaining", 12.0).containsEntry("version", "1.2.0");
        assertThat(agents.get("anthropic-api")).containsEntry("status", "closed").containsEntry("available", true)
                .containsEntry("failures", 0);
        Map<String, Map<String, Object>> providers = (Map<String, Map<String, Object>>) body.get("providers");
        assertThat(providers.get("openai")).containsEntry("configured", false)
                .containsEntry("detail", "OPENAI_API_KEY is not set: no agents registered");
        assertThat(providers.get("anthropic")).containsEntry("agents", List.of("anthropic-api")).doesNotContainKey("detail");
        assertThat((Map<String, Object>) body.get("summary")).containsEntry("total", 2).containsEntry("available", 1)
                .containsEntry("open", 1).containsEntry("unconfigured_providers", List.of("openai"));
        assertThat((Map<String, Object>) body.get("fallback")).containsEntry("enabled", true).containsEntry("provider", "openrouter");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aBreakerIsShownAsTheCircuitBreakersApiShowsIt() {
        Map<String, Map<String, Object>> agents = (Map<String, Map<String, Object>>) AgentsHealthResource.report(
                List.of(CLAUDE, GROK), List.of(), List.of(GROK_OPEN), null).get("agents");

        assertThat(agents.get("grok")).containsAllEntriesOf(GROK_OPEN.wire());
        assertThat(agents.get("anthropic-api")).as("not called yet: the same fields")
                .containsKeys(GROK_OPEN.wire().keySet().toArray(String[]::new))
                .containsEntry("failure_threshold", null).containsEntry("cooldown_remaining", 0.0);
    }

    @Test
    void noAgentsIsUnavailable() {
        assertThat(AgentsHealthResource.report(List.of(), List.of(), List.of(), null).get("status")).isEqualTo("unavailable");
        assertThat(AgentsHealthResource.report(List.of(CLAUDE), List.of(), List.of(), null).get("status")).isEqualTo("healthy");
    }
}
