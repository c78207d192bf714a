package ai.aragora.agents.anthropic;

import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

import ai.aragora.agents.llm.AgentCalls;
import ai.aragora.agents.llm.AgentSettings;
import ai.aragora.agents.llm.ChatAgentProvider;
import ai.aragora.agents.llm.ProviderSettings;

/** Registers the Claude agents: {@code anthropic-api} and any configured by name. */
@Component(configurationPid = AnthropicAgents.PID)
@Designate(ocd = AnthropicConfig.class)
public class AnthropicAgents extends ChatAgentProvider {

    static final String PID = "ai.aragora.agents.anthropic";

    @Activate
    public AnthropicAgents(BundleContext context, @Reference AgentCalls calls, AnthropicConfig config) {
        super(context, calls, settings(config), new MessagesApi());
    }

    @Deactivate
    void deactivate() {
        close();
    }

    static ProviderSettings settings(AnthropicConfig c) {
        return ProviderSettings.of("anthropic", PID, "ANTHROPIC_API_KEY", c.api_key(), c.base_url(), Map.of(),
                c.attempt_timeout_seconds(), c.prices(), new AgentSettings(c.agent_name(), c.model(), c.model_family(),
                        c.fallback_model(), c.max_tokens(), c.temperature(), c.stream()));
    }
}
