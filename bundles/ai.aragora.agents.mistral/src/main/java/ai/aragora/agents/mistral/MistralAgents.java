package ai.aragora.agents.mistral;

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
import ai.aragora.agents.llm.ChatCompletionsProtocol;
import ai.aragora.agents.llm.ProviderSettings;

/** Registers the Mistral agents: {@code mistral-api} and any configured by name. */
@Component(configurationPid = MistralAgents.PID)
@Designate(ocd = MistralConfig.class)
public class MistralAgents extends ChatAgentProvider {

    static final String PID = "ai.aragora.agents.mistral";

    @Activate
    public MistralAgents(BundleContext context, @Reference AgentCalls calls, MistralConfig config) {
        super(context, calls, settings(config), protocol());
    }

    @Deactivate
    void deactivate() {
        close();
    }

    static ChatCompletionsProtocol protocol() {
        return new ChatCompletionsProtocol("max_tokens", false, false);
    }

    static ProviderSettings settings(MistralConfig c) {
        return ProviderSettings.of("mistral", PID, "MISTRAL_API_KEY", c.api_key(), c.base_url(), Map.of(),
                c.attempt_timeout_seconds(), c.prices(), new AgentSettings(c.agent_name(), c.model(), c.model_family(),
                        c.fallback_model(), c.max_tokens(), c.temperature(), c.stream()));
    }
}
