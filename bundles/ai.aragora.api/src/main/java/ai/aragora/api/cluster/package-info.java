/**
 * What the instances of one installation share when one process is not enough: a message bus
 * between them (event fan-out, cache invalidations, revocations) and counters every instance
 * charges (rate limits), and a cache of computed values whose invalidations reach every instance
 * ({@link ai.aragora.api.cluster.SharedCache}). Registered by a broker bundle only when a shared broker is configured;
 * without one, each consumer keeps its in-process behaviour. {@link ai.aragora.api.cluster.ClusterChannel}
 * holds one channel for a consumer while the bus comes and goes.
 */
@Version("1.2.0")
@Export
package ai.aragora.api.cluster;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
