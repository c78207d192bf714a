package ai.aragora.webhooks.rest;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
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
import ai.aragora.webhooks.store.RetrySchedule;
import ai.aragora.webhooks.store.Subscription;

/**
 * {@code GET|PUT /api/v1/webhooks/{id}/retry-policy}: the retry schedule of one subscription.
 * A PUT names any of {@code max_retries}, {@code base_delay_ms}, {@code max_delay_seconds},
 * {@code jitter}; the rest keep their current values. {@code {"reset": true}} goes back to the
 * server's schedule. Bounds keep a subscription from retrying for more than a day or hammering
 * an endpoint: at most 20 retries, a first retry after 100 ms to 1 h, waits of at most 24 h.
 */
@Component(service = WebhookRetryPolicyResource.class)
@JakartarsResource
@JSONRequired
@Path("api/v1/webhooks/{id}/retry-policy")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookRetryPolicyResource {

    private static final Set<String> FIELDS = Set.of("max_retries", "base_delay_ms", "max_delay_seconds", "jitter", "reset");

    private final WebhookAccess access;

    @Activate
    public WebhookRetryPolicyResource(@Reference WebhookManager manager, @Reference AccessControl access,
            @Reference OutboundPolicy policy) {
        this.access = new WebhookAccess(manager, access, policy);
    }

    @GET
    public Map<String, Object> get(@Context SecurityContext security, @PathParam("id") String id) {
        return view(access.visible(security, id, WebhookAccess.READ));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> put(@Context SecurityContext security, @PathParam("id") String id, Map<String, Object> request) {
        Subscription s = access.visible(security, id, WebhookAccess.WRITE);
        Map<String, Object> body = WebhookRequests.body(request);
        for (String field : body.keySet()) {
            if (!FIELDS.contains(field)) {
                throw new BadRequestException("unknown field '" + WebhookRequests.clip(field) + "': a retry policy has "
                        + "max_retries, base_delay_ms, max_delay_seconds and jitter, or reset");
            }
        }
        WebhookManager manager = access.manager();
        RetrySchedule next;
        if (body.containsKey("reset")) {
            if (body.size() > 1 || !WebhookRequests.bool(body.get("reset"), "reset")) {
                throw new BadRequestException("reset takes true, alone");
            }
            next = null;
        } else {
            RetrySchedule current = s.retry() == null ? manager.retrySchedule() : s.retry();
            long base = number(body, "base_delay_ms", current.base().toMillis(), 100, 3_600_000).longValue();
            long max = number(body, "max_delay_seconds", current.max().toSeconds(), 1, 86_400).longValue();
            int retries = number(body, "max_retries", current.maxRetries(), 0, 20).intValue();
            double jitter = number(body, "jitter", current.jitter(), 0, 1).doubleValue();
            if (Duration.ofSeconds(max).toMillis() < base) {
                throw new BadRequestException("max_delay_seconds (" + max + ") must not be shorter than base_delay_ms (" + base + ")");
            }
            next = new RetrySchedule(Duration.ofMillis(base), Duration.ofSeconds(max), retries, jitter);
        }
        Subscription changed = s.withRetry(next, manager.now());
        if (!manager.subscriptions().update(changed)) {
            throw WebhookAccess.gone(id);
        }
        return view(changed);
    }

    private Map<String, Object> view(Subscription s) {
        RetrySchedule r = s.retry() == null ? access.manager().retrySchedule() : s.retry();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("webhook_id", s.id());
        out.put("source", s.retry() == null ? "server" : "webhook");
        out.put("max_retries", r.maxRetries());
        out.put("base_delay_ms", r.base().toMillis());
        out.put("max_delay_seconds", r.max().toSeconds());
        out.put("jitter", r.jitter());
        return out;
    }

    private static Number number(Map<String, Object> body, String field, Number current, double min, double max) {
        Object v = body.get(field);
        if (v == null) {
            return current;
        }
        if (!(v instanceof Number n) || Double.isNaN(n.doubleValue()) || n.doubleValue() < min || n.doubleValue() > max) {
            throw new BadRequestException(field + " must be a number from " + fmt(min) + " to " + fmt(max));
        }
        if (!field.equals("jitter") && n.doubleValue() != Math.rint(n.doubleValue())) {
            throw new BadRequestException(field + " must be a whole number");
        }
        return n;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
