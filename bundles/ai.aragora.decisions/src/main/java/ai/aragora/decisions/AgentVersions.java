package ai.aragora.decisions;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import ai.aragora.api.agent.Agent;

/**
 * The version of each registered agent, by service: while a provider bundle is replaced two
 * services may carry one name, and the one registered last is the one a new decision meets.
 */
final class AgentVersions {

    private record Registration(String name, String version) {
    }

    private final LinkedHashMap<Object, Registration> byService = new LinkedHashMap<>();

    synchronized void add(Map<String, Object> properties) {
        Object name = properties.get(Agent.NAME);
        if (name != null) {
            Object version = properties.get(Agent.VERSION);
            Object service = properties.getOrDefault("service.id", name);
            byService.remove(service);
            byService.put(service, new Registration(name.toString(), version == null ? "" : version.toString()));
            notifyAll();
        }
    }

    synchronized void remove(Map<String, Object> properties) {
        Object name = properties.get(Agent.NAME);
        if (name != null) {
            byService.remove(properties.getOrDefault("service.id", name));
        }
    }

    synchronized Set<String> names() {
        Set<String> names = new TreeSet<>();
        byService.values().forEach(r -> names.add(r.name()));
        return names;
    }

    /** Waits up to {@code millis} until every one of {@code names} is registered; true if they are. */
    synchronized boolean await(java.util.Collection<String> names, long millis) throws InterruptedException {
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

    /** Empty when no agent of that name is registered. */
    synchronized String of(String name) {
        String version = "";
        for (Registration r : byService.values()) {
            if (r.name().equals(name)) {
                version = r.version();
            }
        }
        return version;
    }
}
