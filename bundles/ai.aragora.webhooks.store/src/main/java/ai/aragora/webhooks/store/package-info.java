/**
 * Webhook subscriptions as stored: the {@link ai.aragora.webhooks.store.SubscriptionStore}
 * service over the main store, the {@link ai.aragora.webhooks.store.Subscription} record with its
 * sealed signing secrets and where each is bound, and a subscription's own retry schedule. The
 * webhooks bundle delivers and serves them; the storage commands re-seal their secrets.
 */
@Version("1.0.0")
@Export
package ai.aragora.webhooks.store;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
