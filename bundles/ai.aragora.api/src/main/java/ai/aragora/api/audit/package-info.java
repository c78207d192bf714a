/**
 * The audit log: who did what, when and from where, append-only and hash-chained so that a
 * changed, removed or reordered entry is detected.
 */
@Version("1.0.0")
@Export
package ai.aragora.api.audit;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
