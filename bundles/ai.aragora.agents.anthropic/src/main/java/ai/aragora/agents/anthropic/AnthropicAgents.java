package ai.aragora.agents.anthropic;

import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

import ai.aragora.agents.llm.AgentSettings;
import ai.aragora.agents.llm.ChatProviders;
import ai.aragora.agents.llm.ProviderRegistration;
import ai.aragora.agents.llm.ProviderSettings;

/** Registers the Claude agents: {@code anthropic-api} and any configured by name. */
@Component(configurationPid = AnthropicAgents.PID)
@Designate(ocd = AnthropicConfig.class)
public class AnthropicAgents {

    static final String PID = "ai.aragora.agents.anthropic";

    private final ProviderRegistration agents;

    @Activate
    public AnthropicAgents(@Reference ChatProviders providers, AnthropicConfig config) {
        agents = providers.register(settings(config), new MessagesApi());
    }

    @Deactivate
    void deactivate() {
        agents.close();
    }

    static ProviderSettings settings(AnthropicConfig c) {
        return ProviderSettings.of("anthropic", PID, "ANTHROPIC_API_KEY", c.api_key(), c.base_url(), Map.of(),
                c.attempt_timeout_seconds(), c.prices(), new AgentSettings(c.agent_name(), c.model(), c.model_family(),
                        c.fallback_model(), c.max_tokens(), c.temperature(), c.stream()));
    }
}
