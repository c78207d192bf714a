package ai.aragora.api.health;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A component that can say how it is. Registered as a service with the {@value #COMPONENT}
 * property; readiness waits for every component a feature marks as required.
 */
@ConsumerType
public interface HealthIndicator {

    /** Service property: the component's name as reported, e.g. {@code database}. */
    String COMPONENT = "aragora.health.component";

    /** Must answer fast and never block on the network for long: probes call it. */
    ComponentHealth check();
}
