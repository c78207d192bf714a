/**
 * Debates: what a client asks for ({@link ai.aragora.api.debate.DebateSpec}), what the engine
 * decides ({@link ai.aragora.api.debate.DebateResult}) and the engine as a service.
 */
@Version("1.6.0")
@Export
package ai.aragora.api.debate;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
