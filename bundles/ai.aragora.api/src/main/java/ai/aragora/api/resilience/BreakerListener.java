package ai.aragora.api.resilience;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told when a circuit breaker opens after a run of failures (a whiteboard: register one as a
 * service). A breaker that reopens after a failed trial call is not announced again: the
 * outage was announced when it began. Called on the thread that recorded the failure: return
 * quickly, never block.
 */
@ConsumerType
public interface BreakerListener {

    void onOpened(BreakerSnapshot breaker);
}
