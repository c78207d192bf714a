package ai.aragora.agents.openai;

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

/** Registers the OpenAI agents: {@code openai-api} and any configured by name. */
@Component(configurationPid = OpenAiAgents.PID)
@Designate(ocd = OpenAiConfig.class)
public class OpenAiAgents {

    static final String PID = "ai.aragora.agents.openai";

    private final ProviderRegistration agents;

    @Activate
    public OpenAiAgents(@Reference ChatProviders providers, OpenAiConfig config) {
        agents = providers.register(settings(config), protocol());
    }

    @Deactivate
    void deactivate() {
        agents.close();
    }

    static ChatCompletions protocol() {
        return new ChatCompletions("max_completion_tokens", false, true);
    }

    static ProviderSettings settings(OpenAiConfig c) {
        return ProviderSettings.of("openai", PID, "OPENAI_API_KEY", c.api_key(), c.base_url(), Map.of(),
                c.attempt_timeout_seconds(), c.prices(), new AgentSettings(c.agent_name(), c.model(), c.model_family(),
                        c.fallback_model(), c.max_tokens(), c.temperature(), c.stream()));
    }
}
