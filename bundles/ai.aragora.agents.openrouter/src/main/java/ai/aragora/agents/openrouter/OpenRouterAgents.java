package ai.aragora.agents.openrouter;

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

/**
 * Registers the {@code openrouter} agent and any configured by name and, while the key is set,
 * offers itself to answer for other providers' agents when theirs fail. OpenRouter reports
 * each call's cost, which is used before the price table.
 */
@Component(configurationPid = OpenRouterAgents.PID)
@Designate(ocd = OpenRouterConfig.class)
public class OpenRouterAgents {

    static final String PID = "ai.aragora.agents.openrouter";
    static final String PROVIDER = "openrouter";

    private final ProviderRegistration agents;

    @Activate
    public OpenRouterAgents(@Reference ChatProviders providers, OpenRouterConfig config) {
        agents = providers.register(settings(config), protocol());
        if (config.fallback_enabled()) {
            agents.offerAsFallback();
        }
    }

    @Deactivate
    void deactivate() {
        agents.close();
    }

    static ChatCompletions protocol() {
        return new ChatCompletions("max_tokens", true, true);
    }

    static ProviderSettings settings(OpenRouterConfig c) {
        return ProviderSettings.of(PROVIDER, PID, "OPENROUTER_API_KEY", c.api_key(), c.base_url(),
                Map.of("HTTP-Referer", c.referer(), "X-Title", c.title()), c.attempt_timeout_seconds(), c.prices(),
                new AgentSettings(c.agent_name(), c.model(), c.model_family(), null, c.max_tokens(), c.temperature(), c.stream()));
    }
}
