package ai.aragora.api.health;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Whether the server answers every route for real: every component the loaded features require
 * is registered and not unavailable. The HTTP layer holds requests back until it is.
 */
@ProviderType
public interface Readiness {

    /** What readiness still waits for, one short operator-facing line each; empty when ready. */
    List<String> waitingFor();
}
