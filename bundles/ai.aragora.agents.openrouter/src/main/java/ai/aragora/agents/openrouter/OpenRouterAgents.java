package ai.aragora.agents.openrouter;

import java.time.Instant;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

import ai.aragora.agents.llm.AgentCalls;
import ai.aragora.agents.llm.AgentSettings;
import ai.aragora.agents.llm.ChatAgentProvider;
import ai.aragora.agents.llm.ChatCompletionsProtocol;
import ai.aragora.agents.llm.ChatReply;
import ai.aragora.agents.llm.ChatRequest;
import ai.aragora.agents.llm.FallbackChat;
import ai.aragora.agents.llm.ProviderSettings;

/**
 * Registers the {@code openrouter} agent and any configured by name and, while the key is set,
 * the {@link FallbackChat} other providers reroute to. OpenRouter reports each call's cost,
 * which is used before the price table.
 */
@Component(configurationPid = OpenRouterAgents.PID)
@Designate(ocd = OpenRouterConfig.class)
public class OpenRouterAgents extends ChatAgentProvider {

    static final String PID = "ai.aragora.agents.openrouter";
    static final String PROVIDER = "openrouter";

    private final ServiceRegistration<FallbackChat> fallback;

    @Activate
    public OpenRouterAgents(BundleContext context, @Reference AgentCalls calls, OpenRouterConfig config) {
        super(context, calls, settings(config), protocol());
        if (endpoint() != null && config.fallback_enabled()) {
            Dictionary<String, Object> props = new Hashtable<>();
            props.put("aragora.agent.provider", PROVIDER);
            fallback = context.registerService(FallbackChat.class, new Fallback(), props);
        } else {
            fallback = null;
        }
    }

    @Deactivate
    void deactivate() {
        if (fallback != null) {
            try {
                fallback.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping and the framework took it down first
            }
        }
        close();
    }

    static ChatCompletionsProtocol protocol() {
        return new ChatCompletionsProtocol("max_tokens", true, true);
    }

    static ProviderSettings settings(OpenRouterConfig c) {
        return ProviderSettings.of(PROVIDER, PID, "OPENROUTER_API_KEY", c.api_key(), c.base_url(),
                Map.of("HTTP-Referer", c.referer(), "X-Title", c.title()), c.attempt_timeout_seconds(), c.prices(),
                new AgentSettings(c.agent_name(), c.model(), c.model_family(), null, c.max_tokens(), c.temperature(), c.stream()));
    }

    /** This provider's endpoint, answering with whatever model the failing agent's fallback names. */
    private final class Fallback implements FallbackChat {

        @Override
        public String provider() {
            return PROVIDER;
        }

        @Override
        public CompletionStage<ChatReply> send(ChatRequest request, Instant deadline, Consumer<String> tokens) {
            return endpoint().send(request, deadline, tokens);
        }
    }
}
