package ai.aragora.debate;

import java.util.Hashtable;
import java.util.function.BooleanSupplier;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

import ai.aragora.api.health.ComponentHealth;
import ai.aragora.api.health.HealthIndicator;

/**
 * The engine's health indicator, registered while a store is bound: the engine can only run
 * debates with one.
 */
final class EngineHealth {

    private final BundleContext bundle;
    private final EngineContext engine;
    private final RunningDebates running;
    private final BooleanSupplier draining;
    /** Guarded by this. */
    private ServiceRegistration<HealthIndicator> registration;

    /** @param bundle where the indicator is registered; null registers none */
    EngineHealth(BundleContext bundle, EngineContext engine, RunningDebates running, BooleanSupplier draining) {
        this.bundle = bundle;
        this.engine = engine;
        this.running = running;
        this.draining = draining;
    }

    ComponentHealth health() {
        if (draining.getAsBoolean()) {
            return ComponentHealth.degraded("shutting down: " + running.size() + " debates finishing");
        }
        if (engine.store.current() == null) {
            return ComponentHealth.unavailable("no debate store");
        }
        int agents = engine.agents.names().size();
        return new ComponentHealth(ComponentHealth.Status.HEALTHY, running.size() + " debates running, " + agents
                + (agents == 1 ? " agent" : " agents") + " registered");
    }

    synchronized void register() {
        if (bundle != null && registration == null && !draining.getAsBoolean()) {
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put(HealthIndicator.COMPONENT, "engine");
            HealthIndicator indicator = this::health;
            registration = bundle.registerService(HealthIndicator.class, indicator, properties);
        }
    }

    synchronized void unregister() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping and took it along
            }
            registration = null;
        }
    }
}
