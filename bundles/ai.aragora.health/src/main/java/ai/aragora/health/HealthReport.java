package ai.aragora.health;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import ai.aragora.api.health.ComponentHealth;
import ai.aragora.api.health.ComponentHealth.Status;

/**
 * The server's health from its parts. Ready means every required component is registered
 * and not unavailable; healthy means every registered component is healthy.
 */
record HealthReport(Map<String, ComponentHealth> components, List<String> missing, List<String> unavailable) {

    static HealthReport of(Map<String, ComponentHealth> components, Collection<String> required) {
        Set<String> missing = new TreeSet<>();
        Set<String> unavailable = new TreeSet<>();
        for (String name : required) {
            ComponentHealth health = components.get(name);
            if (health == null) {
                missing.add(name);
            } else if (health.status() == Status.UNAVAILABLE) {
                unavailable.add(name);
            }
        }
        return new HealthReport(Map.copyOf(components), new ArrayList<>(missing), new ArrayList<>(unavailable));
    }

    boolean ready() {
        return missing.isEmpty() && unavailable.isEmpty();
    }

    /** Each missing or unavailable required component, with its detail when it has one. */
    List<String> waitingFor() {
        List<String> waiting = new ArrayList<>();
        missing.forEach(name -> waiting.add(name + ": not running"));
        for (String name : unavailable) {
            String detail = components.get(name).detail();
            waiting.add(detail.isEmpty() ? name + ": unavailable" : name + ": " + detail);
        }
        return waiting;
    }

    /** {@code healthy} or {@code degraded}: the process is up either way, /readyz says whether to route to it. */
    String status() {
        boolean allHealthy = ready() && components.values().stream().allMatch(c -> c.status() == Status.HEALTHY);
        return allHealthy ? "healthy" : "degraded";
    }
}
