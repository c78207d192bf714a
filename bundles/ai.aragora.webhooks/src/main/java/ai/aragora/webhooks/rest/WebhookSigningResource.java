package ai.aragora.webhooks.rest;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

import ai.aragora.api.auth.AccessControl;
import ai.aragora.api.webhook.OutboundPolicy;
import ai.aragora.webhooks.WebhookManager;
import ai.aragora.webhooks.store.Subscription;
import ai.aragora.webhooks.store.Subscription.StoredSecret;

/**
 * {@code GET /api/v1/webhooks/{id}/signing}: how a receiver verifies this subscription's
 * deliveries: the headers, the algorithms, and which secrets sign now (when each was made and
 * when a rotated-out one stops). Never a secret itself.
 */
@Component(service = WebhookSigningResource.class)
@JakartarsResource
@JSONRequired
@Path("api/v1/webhooks/{id}/signing")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookSigningResource {

    private final WebhookAccess access;

    @Activate
    public WebhookSigningResource(@Reference WebhookManager manager, @Reference AccessControl access,
            @Reference OutboundPolicy policy) {
        this.access = new WebhookAccess(manager, access, policy);
    }

    @GET
    public Map<String, Object> get(@Context SecurityContext security, @PathParam("id") String id) {
        Subscription s = access.visible(security, id, WebhookAccess.READ);
        Instant now = access.manager().now();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("webhook_id", s.id());
        out.put("algorithm", "HMAC-SHA256");
        out.put("secret_format", "whsec_ followed by base64; Standard Webhooks signs with the base64-decoded key");
        out.put("signatures", List.of(
                Map.of("header", "X-Webhook-Signature", "format", "sha256=<hex HMAC of the body with the secret>"),
                Map.of("header", "X-Aragora-Signature", "format", "sha256=<hex HMAC of the body with the secret>"),
                Map.of("header", "webhook-signature", "format",
                        "v1,<base64 HMAC of webhook-id.webhook-timestamp.body>, one entry per signing secret")));
        out.put("headers", List.of("X-Aragora-Event", "X-Aragora-Delivery", "X-Aragora-Timestamp", "webhook-id",
                "webhook-timestamp"));
        out.put("signing_secrets", s.signing(now).stream().map(WebhookSigningResource::secret).toList());
        out.put("rotation_overlap_hours", access.manager().secretOverlap().toHours());
        return out;
    }

    private static Map<String, Object> secret(StoredSecret secret) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("created_at", secret.createdAt().toString());
        v.put("expires_at", secret.expiresAt() == null ? null : secret.expiresAt().toString());
        return v;
    }
}
