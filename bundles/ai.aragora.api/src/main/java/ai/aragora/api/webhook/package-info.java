/**
 * Outbound notifications: where the server may call out to, and one-off signed deliveries to a
 * URL a caller gave ({@code callback_url}), both implemented by the webhooks bundle; and the
 * webhook sink SPI ({@link ai.aragora.api.webhook.WebhookSink}) sink bundles implement, with the
 * client they post through ({@link ai.aragora.api.webhook.OutboundHttp}).
 */
@Version("1.2.0")
@Export
package ai.aragora.api.webhook;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
