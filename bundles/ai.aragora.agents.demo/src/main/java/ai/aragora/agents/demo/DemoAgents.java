package ai.aragora.agents.demo;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;

import ai.aragora.api.agent.Agent;

/**
 * Registers the five demo agents as ordinary {@link Agent} services, so that stopping or
 * replacing this bundle removes or replaces them like any provider's. One timer thread delivers
 * every simulated delay.
 */
@Component(immediate = true, configurationPid = DemoConfig.PID)
public class DemoAgents {

    /** Service property: the agent's current simulated delay in milliseconds. */
    public static final String LATENCY = "aragora.demo.latency.ms";

    private final DelayLine timer;
    private final Map<DemoStyle, Latency> latencies = new HashMap<>();
    private final List<ServiceRegistration<Agent>> registrations = new ArrayList<>();
    private final String version;

    @Activate
    public DemoAgents(BundleContext context, DemoConfig config) {
        timer = new DelayLine("aragora-demo-latency");
        version = context.getBundle().getVersion().toString();
        Map<String, Long> delays = delays(config);
        SubstanceCache substance = new SubstanceCache();
        for (DemoStyle style : DemoStyle.values()) {
            Latency latency = new Latency(timer, delays.get(style.agentName()));
            latencies.put(style, latency);
            registrations.add(context.registerService(Agent.class, new DemoAgent(style, version, latency, substance),
                    properties(style, latency)));
        }
    }

    @Modified
    void modified(DemoConfig config) {
        Map<String, Long> delays = delays(config);
        for (int i = 0; i < registrations.size(); i++) {
            DemoStyle style = DemoStyle.values()[i];
            Latency latency = latencies.get(style);
            latency.set(delays.get(style.agentName()));
            registrations.get(i).setProperties(properties(style, latency));
        }
    }

    @Deactivate
    void deactivate() {
        for (ServiceRegistration<Agent> r : registrations) {
            try {
                r.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping and took them along
            }
        }
        timer.close(Latency.stopping());
    }

    /**
     * The five agents answering at once, outside any framework: for tools and tests that run the
     * engine directly.
     */
    public static List<Agent> standalone(String version) {
        Latency none = new Latency(null, 0);
        SubstanceCache substance = new SubstanceCache();
        List<Agent> agents = new ArrayList<>();
        for (DemoStyle style : DemoStyle.values()) {
            agents.add(new DemoAgent(style, version, none, substance));
        }
        return agents;
    }

    private Dictionary<String, Object> properties(DemoStyle style, Latency latency) {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(Agent.NAME, style.agentName());
        p.put(Agent.VERSION, version);
        p.put(LATENCY, latency.millis());
        return p;
    }

    /** Each agent's delay: its own entry in agent.latency.ms, else latency.ms. */
    static Map<String, Long> delays(DemoConfig config) {
        Map<String, Long> delays = new HashMap<>();
        for (DemoStyle style : DemoStyle.values()) {
            delays.put(style.agentName(), (long) Math.max(0, config.latency_ms()));
        }
        for (String entries : config.agent_latency_ms()) {
            for (String entry : entries.split(",")) {
                int eq = entry.indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                String name = entry.substring(0, eq).trim();
                try {
                    long ms = Long.parseLong(entry.substring(eq + 1).trim());
                    if (delays.containsKey(name) && ms >= 0) {
                        delays.put(name, ms);
                    }
                } catch (NumberFormatException ignored) {
                    // an unreadable entry leaves that agent at the common delay
                }
            }
        }
        return delays;
    }
}
