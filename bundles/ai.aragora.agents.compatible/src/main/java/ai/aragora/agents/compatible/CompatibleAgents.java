package ai.aragora.agents.compatible;

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

/** Registers agents on a local OpenAI-compatible server once its base URL is configured; no key needed. */
@Component(configurationPid = CompatibleAgents.PID)
@Designate(ocd = CompatibleConfig.class)
public class CompatibleAgents {

    static final String PID = "ai.aragora.agents.compatible";

    private final ProviderRegistration agents;

    @Activate
    public CompatibleAgents(@Reference ChatProviders providers, CompatibleConfig config) {
        agents = providers.register(settings(config), protocol());
    }

    @Deactivate
    void deactivate() {
        agents.close();
    }

    static ChatCompletions protocol() {
        return ChatCompletions.STANDARD;
    }

    static ProviderSettings settings(CompatibleConfig c) {
        return ProviderSettings.of("openai-compatible", PID, null, c.api_key(), c.base_url(), Map.of(),
                c.attempt_timeout_seconds(), c.prices(), new AgentSettings(c.agent_name(), c.model(), c.model_family(),
                        c.fallback_model(), c.max_tokens(), c.temperature(), c.stream()));
    }
}
