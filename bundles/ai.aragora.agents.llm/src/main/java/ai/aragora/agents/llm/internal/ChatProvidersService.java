package ai.aragora.agents.llm.internal;

import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;

import ai.aragora.agents.llm.ChatCompletions;
import ai.aragora.agents.llm.ChatProtocol;
import ai.aragora.agents.llm.ChatProviders;
import ai.aragora.agents.llm.ProviderRegistration;
import ai.aragora.agents.llm.ProviderSettings;

/**
 * One instance per provider bundle (bundle scope), so its agents are registered by that bundle
 * and whatever it left registered goes when it stops using the service.
 */
@Component(service = ChatProviders.class, scope = ServiceScope.BUNDLE)
public class ChatProvidersService implements ChatProviders {

    private final BundleContext provider;
    private final BundleContext library;
    private final AgentCalls calls;
    private final List<ProviderAgents> registrations = new ArrayList<>();

    @Activate
    public ChatProvidersService(ComponentContext component, @Reference AgentCalls calls) {
        this.provider = component.getUsingBundle().getBundleContext();
        this.library = component.getBundleContext();
        this.calls = calls;
    }

    @Override
    public ProviderRegistration register(ProviderSettings settings, ChatProtocol protocol) {
        ChatEndpoint endpoint = settings.missing() == null ? HttpChat.of(calls.http(), settings, protocol) : null;
        ProviderAgents agents = new ProviderAgents(provider, library, calls, settings, endpoint);
        synchronized (registrations) {
            registrations.add(agents);
        }
        return agents;
    }

    @Override
    public ProviderRegistration register(ProviderSettings settings, ChatCompletions dialect) {
        return register(settings, new ChatCompletionsProtocol(dialect));
    }

    @Deactivate
    void deactivate() {
        synchronized (registrations) {
            registrations.forEach(ProviderAgents::close);
            registrations.clear();
        }
    }
}
