package ai.aragora.debate.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import ai.aragora.api.agent.Agent;

/**
 * The agent services the commands can see, with their properties. A command started together
 * with the framework waits here until the agents it names have registered.
 */
@Component(service = AgentRoster.class)
public class AgentRoster {

    /** Guarded by this roster. */
    private final Map<Agent, Map<String, Object>> agents = new HashMap<>();

    @Reference(service = Agent.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    synchronized void add(Agent agent, Map<String, Object> properties) {
        agents.put(agent, Map.copyOf(properties));
        notifyAll();
    }

    synchronized void updated(Agent agent, Map<String, Object> properties) {
        agents.put(agent, Map.copyOf(properties));
        notifyAll();
    }

    synchronized void remove(Agent agent) {
        agents.remove(agent);
        notifyAll();
    }

    synchronized Set<String> names() {
        Set<String> names = new TreeSet<>();
        agents.values().forEach(p -> {
            if (p.get(Agent.NAME) instanceof String s) {
                names.add(s);
            }
        });
        return names;
    }

    /** Waits up to {@code millis} until every one of {@code names} is registered; true if they are. */
    synchronized boolean awaitNames(List<String> names, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (!names().containsAll(names)) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    /**
     * Waits up to {@code millis} until every registration of the named agents shows
     * {@code property} = {@code value}; true if they do.
     */
    synchronized boolean awaitProperty(List<String> names, String property, Object value, long millis)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (true) {
            boolean all = true;
            for (Map<String, Object> p : agents.values()) {
                if (names.contains(p.get(Agent.NAME)) && !value.equals(p.get(property))) {
                    all = false;
                }
            }
            if (all) {
                return true;
            }
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
    }
}
