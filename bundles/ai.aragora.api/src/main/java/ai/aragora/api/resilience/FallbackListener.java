package ai.aragora.api.resilience;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told when an agent call falls back to another provider (a whiteboard: register one as a
 * service). The engine registers one and turns each notice into an
 * {@code agent_fallback_triggered} event of the debate named by the notice. Called on an HTTP
 * client thread: return quickly, never block.
 */
@ConsumerType
public interface FallbackListener {

    void onFallback(FallbackNotice notice);
}
