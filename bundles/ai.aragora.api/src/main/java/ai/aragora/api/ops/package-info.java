/**
 * What operators read about a running server, contributed by the bundle that knows it: parts of
 * the admin stats document, rate limiters and their use, background schedulers that can be run
 * by hand, and the recent errors of the log. The admin endpoints only gather them.
 */
@Version("1.1.0")
@Export
package ai.aragora.api.ops;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
