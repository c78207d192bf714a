/**
 * The decision router cache: answers to repeated identical decisions, tagged with the
 * workspace, the policy version and the agent versions that produced them, so that changing
 * any of those invalidates exactly what depended on it.
 */
@Version("1.1.0")
@Export
package ai.aragora.api.cache;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
