/**
 * The agent SPI: an agent provider registers one {@link ai.aragora.api.agent.Agent} service per
 * agent it offers; debates refer to agents by name. Calls are asynchronous, bounded by the
 * turn's deadline, and report the tokens, cost and model that actually answered.
 */
@Version("1.0.0")
@Export
package ai.aragora.api.agent;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
