package ai.aragora.agents.gemini;

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

/** Registers the Gemini agents: {@code gemini} and any configured by name. */
@Component(configurationPid = GeminiAgents.PID)
@Designate(ocd = GeminiConfig.class)
public class GeminiAgents {

    static final String PID = "ai.aragora.agents.gemini";

    private final ProviderRegistration agents;

    @Activate
    public GeminiAgents(@Reference ChatProviders providers, GeminiConfig config) {
        agents = providers.register(settings(config), new GenerateContentApi());
    }

    @Deactivate
    void deactivate() {
        agents.close();
    }

    static ProviderSettings settings(GeminiConfig c) {
        return ProviderSettings.of("gemini", PID, "GEMINI_API_KEY", c.api_key(), c.base_url(), Map.of(),
                c.attempt_timeout_seconds(), c.prices(), new AgentSettings(c.agent_name(), c.model(), c.model_family(),
                        c.fallback_model(), c.max_tokens(), c.temperature(), c.stream()));
    }
}
