package ai.aragora.agents.llm.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ManagedServiceFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.aragora.agents.llm.AgentSettings;
import ai.aragora.agents.llm.ChatReply;
import ai.aragora.agents.llm.ChatRequest;
import ai.aragora.agents.llm.ProviderRegistration;
import ai.aragora.agents.llm.ProviderSettings;
import ai.aragora.api.agent.Agent;
import ai.aragora.api.agent.AgentInfo;

/**
 * One provider bundle's agents: one {@link Agent} service for the provider's default agent and
 * one for each factory configuration of {@code <pid>.agent} (e.g. the file
 * {@code ai.aragora.agents.anthropic.agent-opus.cfg}, with {@code name} and {@code model}: the
 * watched directory reads {@code pid-name.cfg} as a factory configuration), registered by the
 * provider bundle and versioned with it. A provider whose key is missing registers no agents
 * and says so once. Every service is registered here by hand, so configuration properties (the
 * key among them) never become service properties.
 */
final class ProviderAgents implements ProviderRegistration, AgentProvider {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderAgents.class);
    private static final String DEFAULT = "default";

    private final BundleContext context;
    private final BundleContext library;
    private final AgentCalls calls;
    private final ProviderSettings settings;
    private final String version;
    private final ChatEndpoint endpoint;
    private final Map<String, ServiceRegistration<Agent>> registrations = new LinkedHashMap<>();
    private final Map<String, AgentInfo> agents = new LinkedHashMap<>();
    private final ServiceRegistration<ManagedServiceFactory> namedAgents;
    private final ServiceRegistration<AgentProvider> provider;
    private ServiceRegistration<FallbackChat> fallback;
    /** Guarded by this: a factory configuration arriving while the provider closes must not register an agent after it. */
    private boolean closed;

    /**
     * @param context the provider bundle's, which owns the agents
     * @param library this bundle's, which owns the services only this bundle's components use
     * @param endpoint the provider's endpoint, or null when its settings say it has none
     */
    ProviderAgents(BundleContext context, BundleContext library, AgentCalls calls, ProviderSettings settings, ChatEndpoint endpoint) {
        this.context = context;
        this.library = library;
        this.calls = calls;
        this.settings = settings;
        this.version = context.getBundle().getVersion().toString();
        this.endpoint = endpoint;
        Dictionary<String, Object> providerProps = new Hashtable<>();
        providerProps.put("aragora.agent.provider", settings.provider());
        this.provider = library.registerService(AgentProvider.class, this, providerProps);
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
        this.namedAgents = library.registerService(ManagedServiceFactory.class, new NamedAgents(), props);
        LOG.info("{}: agents {} at {}", settings.provider(), agents.keySet(), settings.baseUrl());
    }

    @Override
    public synchronized void offerAsFallback() {
        if (endpoint == null || closed || fallback != null) {
            return;
        }
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("aragora.agent.provider", settings.provider());
        fallback = library.registerService(FallbackChat.class, new Fallback(), props);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        quietly(fallback);
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

    /**
     * An extra agent from a factory configuration: {@code name} and {@code model} are required;
     * {@code fallback.model}, {@code model.family}, {@code max.tokens}, {@code temperature} and
     * {@code stream} default to the provider's.
     */
    private static AgentSettings agent(Dictionary<String, ?> props, AgentSettings defaults) {
        String name = string(props, "name", null);
        String model = string(props, "model", null);
        if (name == null || model == null) {
            throw new IllegalArgumentException("an agent configuration needs 'name' and 'model'");
        }
        return new AgentSettings(name, model, string(props, "model.family", defaults.modelFamily()),
                string(props, "fallback.model", null),
                Integer.parseInt(string(props, "max.tokens", String.valueOf(defaults.maxTokens()))),
                Double.parseDouble(string(props, "temperature", String.valueOf(defaults.temperature()))),
                Boolean.parseBoolean(string(props, "stream", String.valueOf(defaults.stream()))));
    }

    private static String string(Dictionary<String, ?> props, String key, String fallback) {
        Object v = props.get(key);
        return v == null || v.toString().isBlank() ? fallback : v.toString().trim();
    }

    /** This provider answering with whatever model the failing agent's fallback names. */
    private final class Fallback implements FallbackChat {

        @Override
        public String provider() {
            return settings.provider();
        }

        @Override
        public CompletionStage<ChatReply> send(ChatRequest request, Instant deadline, Consumer<String> tokens) {
            return endpoint.send(request, deadline, tokens);
        }
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
                register(pid, agent(properties, settings.defaultAgent()));
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
