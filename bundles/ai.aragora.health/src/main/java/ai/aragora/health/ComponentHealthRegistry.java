package ai.aragora.health;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import ai.aragora.api.health.ComponentHealth;
import ai.aragora.api.health.HealthIndicator;
import ai.aragora.api.health.Readiness;

/**
 * The health indicators bundles register and the components the loaded features require;
 * both come and go with their bundles. Its readiness is what {@code /readyz} reports and what
 * the HTTP layer waits for before it lets requests through.
 */
@Component(service = {ComponentHealthRegistry.class, Readiness.class})
public class ComponentHealthRegistry implements Readiness {

    private final ConcurrentMap<String, HealthIndicator> indicators = new ConcurrentHashMap<>();
    private final List<RequiredComponents> requirements = new CopyOnWriteArrayList<>();
    private volatile Cached cached;

    private record Cached(HealthReport report, long at) {
    }

    static final long REPORT_TTL_NANOS = 500_000_000L;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addIndicator(HealthIndicator indicator, Map<String, Object> props) {
        indicators.put(componentName(indicator, props), indicator);
        cached = null;
    }

    void removeIndicator(HealthIndicator indicator, Map<String, Object> props) {
        indicators.remove(componentName(indicator, props), indicator);
        cached = null;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addRequirement(RequiredComponents required) {
        requirements.add(required);
        cached = null;
    }

    void removeRequirement(RequiredComponents required) {
        requirements.remove(required);
        cached = null;
    }

    /**
     * The components' states, computed at most once per {@link #REPORT_TTL_NANOS}: probes and
     * dashboards poll often and some checks touch the database.
     */
    HealthReport report() {
        Cached cached = this.cached;
        long now = System.nanoTime();
        if (cached != null && now - cached.at < REPORT_TTL_NANOS) {
            return cached.report;
        }
        HealthReport fresh = compute();
        this.cached = new Cached(fresh, now);
        return fresh;
    }

    @Override
    public List<String> waitingFor() {
        return report().waitingFor();
    }

    private HealthReport compute() {
        Map<String, ComponentHealth> states = new LinkedHashMap<>();
        indicators.forEach((name, indicator) -> states.put(name, check(indicator)));
        Collection<String> required = requirements.stream().flatMap(r -> r.components().stream()).toList();
        return HealthReport.of(states, required);
    }

    /** A probe must answer even when a component's check throws. */
    private static ComponentHealth check(HealthIndicator indicator) {
        try {
            ComponentHealth health = indicator.check();
            return health == null ? ComponentHealth.unavailable("no answer") : health;
        } catch (RuntimeException e) {
            return ComponentHealth.unavailable("check failed: " + e.getClass().getSimpleName());
        }
    }

    private static String componentName(HealthIndicator indicator, Map<String, Object> props) {
        Object name = props.get(HealthIndicator.COMPONENT);
        return name instanceof String s && !s.isBlank() ? s : indicator.getClass().getName();
    }
}
