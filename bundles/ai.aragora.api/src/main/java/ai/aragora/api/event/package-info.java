/**
 * What happens in a debate as it happens: typed events with a per-debate sequence number,
 * delivered to every {@link ai.aragora.api.event.DebateListener} service (the event stream,
 * webhooks, metrics).
 */
@Version("1.3.0")
@Export
package ai.aragora.api.event;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
