package ai.aragora.agents.llm;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ManagedServiceFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.aragora.api.agent.Agent;
import ai.aragora.api.agent.AgentInfo;

/**
 * The body of a provider bundle's component: registers one {@link Agent} service for the
 * provider's default agent and one for each factory configuration of
 * {@code <pid>.agent} (e.g. the file {@code ai.aragora.agents.anthropic.agent-opus.cfg}, with
 * {@code name} and {@code model}: the watched directory reads {@code pid-name.cfg} as a factory
 * configuration), all versioned with the provider bundle's version. A provider
 * whose key is missing registers no agents and says so once. Subclasses are DS components
 * that register no service themselves and call {@link #close()} when deactivated: every
 * service is registered here by hand, so configuration properties (the key among them) never
 * become service properties.
 */
public abstract class ChatAgentProvider implements AgentProvider {

    private static final Logger LOG = LoggerFactory.getLogger(ChatAgentProvider.class);
    private static final String DEFAULT = "default";

    private final BundleContext context;
    private final AgentCalls calls;
    private final ProviderSettings settings;
    private final String version;
    private final ChatEndpoint endpoint;
    private final Map<String, ServiceRegistration<Agent>> registrations = new LinkedHashMap<>();
    private final Map<String, AgentInfo> agents = new LinkedHashMap<>();
    private final ServiceRegistration<ManagedServiceFactory> namedAgents;
    private final ServiceRegistration<AgentProvider> provider;
    /** Guarded by this: a factory configuration arriving while the provider closes must not register an agent after it. */
    private boolean closed;

    protected ChatAgentProvider(BundleContext context, AgentCalls calls, ProviderSettings settings, ChatProtocol protocol) {
        this(context, calls, settings, settings.missing() == null
                ? new HttpChat(calls.http(), protocol, settings.endpoint(), settings.prices()) : null);
    }

    ChatAgentProvider(BundleContext context, AgentCalls calls, ProviderSettings settings, ChatEndpoint endpoint) {
        this.context = context;
        this.calls = calls;
        this.settings = settings;
        this.version = context.getBundle().getVersion().toString();
        this.endpoint = endpoint;
        Dictionary<String, Object> providerProps = new Hashtable<>();
        providerProps.put("aragora.agent.provider", settings.provider());
        this.provider = context.registerService(AgentProvider.class, this, providerProps);
        String missing = settings.missing();
        if (missing != null) {
            // a provider without its key is the normal default, not a problem: /api/agents/health says so too
            LOG.info("{}: {}", settings.provider(), missing);
            this.namedAgents = null;
            return;
        }
        register(DEFAULT, settings.defaultAgent());
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(Constants.SERVICE_PID, settings.pid() + ".agent");
        // Registered by this library bundle, which imports the Configuration Admin API: a provider
        // bundle does not, so Configuration Admin would not see the factory as one of its kind.
        BundleContext library = FrameworkUtil.getBundle(ChatAgentProvider.class).getBundleContext();
        this.namedAgents = library.registerService(ManagedServiceFactory.class, new NamedAgents(), props);
        LOG.info("{}: agents {} at {}", settings.provider(), agents.keySet(), settings.baseUrl());
    }

    /** This provider's endpoint, or null when it is not configured. */
    protected final ChatEndpoint endpoint() {
        return endpoint;
    }

    protected final ProviderSettings settings() {
        return settings;
    }

    /** Unregisters every agent; call from the component's deactivate method. */
    protected final synchronized void close() {
        closed = true;
        quietly(namedAgents);
        for (String key : new ArrayList<>(registrations.keySet())) {
            unregister(key);
        }
        quietly(provider);
    }

    private static void quietly(ServiceRegistration<?> registration) {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping and the framework took it down first
            }
        }
    }

    @Override
    public synchronized ProviderStatus status() {
        String missing = settings.missing();
        return new ProviderStatus(settings.provider(), missing == null, missing, List.copyOf(agents.values()));
    }

    private synchronized void register(String key, AgentSettings agent) {
        if (closed) {
            return;
        }
        unregister(key);
        for (Map.Entry<String, AgentInfo> e : agents.entrySet()) {
            if (e.getValue().name().equals(agent.name())) {
                LOG.warn("{}: agent name {} is already taken by {}; configuration {} ignored", settings.provider(),
                        agent.name(), e.getKey(), key);
                return;
            }
        }
        AgentInfo info = new AgentInfo(agent.name(), settings.provider(), agent.model(), agent.modelFamily(), version);
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(Agent.NAME, info.name());
        props.put(Agent.VERSION, version);
        props.put("aragora.agent.provider", settings.provider());
        props.put("aragora.agent.model", agent.model());
        registrations.put(key, context.registerService(Agent.class, new LlmAgent(info, agent, endpoint, calls), props));
        agents.put(key, info);
    }

    private synchronized void unregister(String key) {
        ServiceRegistration<Agent> registration = registrations.remove(key);
        agents.remove(key);
        quietly(registration);
    }

    /** Extra named agents from factory configurations, added and removed live. */
    private final class NamedAgents implements ManagedServiceFactory {

        @Override
        public String getName() {
            return settings.provider() + " agents";
        }

        @Override
        public void updated(String pid, Dictionary<String, ?> properties) {
            try {
                register(pid, AgentSettings.from(properties, settings.defaultAgent()));
                LOG.info("{}: agent configuration {} applied", settings.provider(), pid);
            } catch (IllegalArgumentException e) {
                unregister(pid);
                LOG.warn("{}: agent configuration {} ignored: {}", settings.provider(), pid, e.getMessage());
            }
        }

        @Override
        public void deleted(String pid) {
            unregister(pid);
        }
    }
}
