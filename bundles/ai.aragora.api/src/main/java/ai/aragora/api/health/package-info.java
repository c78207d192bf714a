/**
 * Health of the server's components: each component registers a {@link ai.aragora.api.health.HealthIndicator};
 * features declare which components readiness waits for.
 */
@Version("1.1.0")
@Export
package ai.aragora.api.health;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
