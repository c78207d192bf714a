package ai.aragora.debate.cli;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import ai.aragora.api.debate.DebateService;

/**
 * What a benchmark sets in the server's configuration for its runs (the demo agents' latency,
 * the engine's receipts, how many finished debates the in-memory store keeps), each waited for
 * until taken up, and puts back as it was afterwards.
 */
final class BenchmarkSettings {

    /** How long an agent or a configuration change is waited for. */
    static final long CONFIG_WAIT_MILLIS = 15_000;

    private static final String DEMO_PID = "ai.aragora.agents.demo";
    private static final String ENGINE_PID = "ai.aragora.debate";
    private static final String MEMORY_PID = "ai.aragora.storage.memory";
    private static final String LATENCY = "aragora.demo.latency.ms";
    private static final String RECEIPTS = "receipts.enabled";

    private final BundleContext context;
    private final ConfigurationAdmin configurations;
    private final AgentRoster roster;
    private final Dictionary<String, Object> savedDemo;
    private final Dictionary<String, Object> savedEngine;
    private final Dictionary<String, Object> savedMemory;

    /** Notes the configuration as it is, to be put back by {@link #restore}. */
    BenchmarkSettings(BundleContext context, ConfigurationAdmin configurations, AgentRoster roster) throws IOException {
        this.context = context;
        this.configurations = configurations;
        this.roster = roster;
        this.savedDemo = properties(DEMO_PID);
        this.savedEngine = properties(ENGINE_PID);
        this.savedMemory = properties(MEMORY_PID);
    }

    /** How many finished debates the in-memory store keeps. */
    void retain(int debates) throws IOException {
        configure(MEMORY_PID, "max.debates", debates);
    }

    void receipts(boolean on) throws IOException, InterruptedException {
        configure(ENGINE_PID, RECEIPTS, on);
        long deadline = System.currentTimeMillis() + CONFIG_WAIT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            ServiceReference<DebateService> ref = context.getServiceReference(DebateService.class);
            if (ref != null && Boolean.valueOf(on).equals(ref.getProperty(RECEIPTS))) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the engine did not take up receipts " + (on ? "on" : "off"));
    }

    /** The simulated model latency of the demo agents among {@code agents}. */
    void latency(List<String> agents, long millis) throws IOException, InterruptedException {
        List<String> demo = agents.stream().filter(a -> a.startsWith("demo-")).toList();
        if (demo.isEmpty()) {
            return;
        }
        configure(DEMO_PID, "latency.ms", (int) millis);
        configure(DEMO_PID, "agent.latency.ms", new String[0]);
        if (!roster.awaitProperty(demo, LATENCY, millis, CONFIG_WAIT_MILLIS)) {
            throw new IllegalStateException("the demo agents did not take up a latency of " + millis + " ms");
        }
    }

    void restore() {
        restore(DEMO_PID, savedDemo);
        restore(ENGINE_PID, savedEngine);
        restore(MEMORY_PID, savedMemory);
    }

    private Dictionary<String, Object> properties(String pid) throws IOException {
        Dictionary<String, Object> p = configurations.getConfiguration(pid, "?").getProperties();
        return p == null ? null : copy(p);
    }

    private void configure(String pid, String key, Object value) throws IOException {
        Configuration c = configurations.getConfiguration(pid, "?");
        Dictionary<String, Object> p = c.getProperties() == null ? new Hashtable<>() : copy(c.getProperties());
        p.put(key, value);
        c.update(p);
    }

    private void restore(String pid, Dictionary<String, Object> previous) {
        try {
            Configuration c = configurations.getConfiguration(pid, "?");
            if (previous == null) {
                c.delete();
            } else {
                c.update(previous);
            }
        } catch (IOException | IllegalStateException e) {
            // the framework is stopping: nothing outlives this process's configuration
        }
    }

    private static Dictionary<String, Object> copy(Dictionary<String, Object> p) {
        Hashtable<String, Object> copy = new Hashtable<>();
        for (var keys = p.keys(); keys.hasMoreElements();) {
            String k = keys.nextElement();
            copy.put(k, p.get(k));
        }
        return copy;
    }
}
