/**
 * HTTP/1.1 POSTs to the addresses the outbound policy checked ({@link ai.aragora.api.webhook.Destination}),
 * with the URL's host name kept for the {@code Host} header and the TLS name check: the client
 * never resolves a name itself. Shared by the webhook sink bundles.
 */
@Version("1.0.0")
@Export
package ai.aragora.webhooks.http.pinned;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
