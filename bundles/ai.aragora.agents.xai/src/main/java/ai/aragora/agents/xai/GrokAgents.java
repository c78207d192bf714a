package ai.aragora.agents.xai;

import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

import ai.aragora.agents.llm.AgentSettings;
import ai.aragora.agents.llm.ChatCompletions;
import ai.aragora.agents.llm.ChatProviders;
import ai.aragora.agents.llm.ProviderRegistration;
import ai.aragora.agents.llm.ProviderSettings;

/** Registers the xAI Grok agents: {@code grok} and any configured by name. */
@Component(configurationPid = GrokAgents.PID)
@Designate(ocd = GrokConfig.class)
public class GrokAgents {

    static final String PID = "ai.aragora.agents.xai";

    private final ProviderRegistration agents;

    @Activate
    public GrokAgents(@Reference ChatProviders providers, GrokConfig config) {
        agents = providers.register(settings(config), protocol());
    }

    @Deactivate
    void deactivate() {
        agents.close();
    }

    static ChatCompletions protocol() {
        return ChatCompletions.STANDARD;
    }

    static ProviderSettings settings(GrokConfig c) {
        return ProviderSettings.of("xai", PID, "XAI_API_KEY", c.api_key(), c.base_url(), Map.of(),
                c.attempt_timeout_seconds(), c.prices(), new AgentSettings(c.agent_name(), c.model(), c.model_family(),
                        c.fallback_model(), c.max_tokens(), c.temperature(), c.stream()));
    }
}
