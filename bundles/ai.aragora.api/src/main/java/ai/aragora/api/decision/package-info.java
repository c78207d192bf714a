/**
 * The decision router: one entry point for decisions ({@link ai.aragora.api.decision.DecisionRouter}),
 * of a type, at a priority, answered from the cache when an identical decision is fresh, and
 * recorded in the decision audit trail ({@link ai.aragora.api.storage.DecisionResultStore}).
 */
@Version("1.0.0")
@Export
package ai.aragora.api.decision;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
