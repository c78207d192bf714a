package ai.aragora.webhooks.rest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
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
import ai.aragora.webhooks.events.EventCatalog;
import ai.aragora.webhooks.outbox.Delivery;
import ai.aragora.webhooks.outbox.DeliveryState;
import ai.aragora.webhooks.store.Subscription;

/**
 * {@code POST /api/v1/webhooks/slo/test} ({@code {"webhook_id"}} optional, else every active
 * subscription of the caller's org): each subscription's last 24 hours against the delivery SLO
 * the runbook's alerts watch (at most 20 % of finished deliveries dead-lettered, p95 from event
 * to receiver at most 5 s), and a {@code webhook.test} delivery queued to each, whose outcome
 * shows in its deliveries.
 */
@Component(service = WebhookSloResource.class)
@JakartarsResource
@JSONRequired
@Path("api/v1/webhooks/slo/test")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookSloResource {

    static final Duration WINDOW = Duration.ofHours(24);
    static final double MAX_FAILURE_RATE = 0.20;
    static final Duration MAX_P95 = Duration.ofSeconds(5);
    private static final int SAMPLE = 10_000;
    private static final int MAX_SUBSCRIPTIONS = 100;

    private final WebhookAccess access;

    @Activate
    public WebhookSloResource(@Reference WebhookManager manager, @Reference AccessControl access,
            @Reference OutboundPolicy policy) {
        this.access = new WebhookAccess(manager, access, policy);
    }

    @POST
    public Map<String, Object> test(@Context SecurityContext security, Map<String, Object> request) {
        WebhookManager manager = access.manager();
        Object id = request == null ? null : request.get("webhook_id");
        List<Subscription> checked;
        if (id != null) {
            if (!(id instanceof String s)) {
                throw new BadRequestException("webhook_id must be a string");
            }
            checked = List.of(access.visible(security, s, WebhookAccess.WRITE));
        } else {
            String org = access.org(security, WebhookAccess.WRITE);
            if (org == null) {
                throw new BadRequestException("webhook_id is required for the operator, who sees every org's webhooks");
            }
            checked = manager.subscriptions().list(org, true, 0, MAX_SUBSCRIPTIONS);
        }
        Instant now = manager.now();
        List<Map<String, Object>> results = new ArrayList<>();
        List<Delivery> tests = new ArrayList<>();
        for (Subscription s : checked) {
            Delivery test = Delivery.pending(s.id(), s.orgId(), null, s.sink(), EventCatalog.WEBHOOK_TEST, now,
                    Map.of("webhook_id", s.id(), "message", "an SLO test delivery from Aragora"), now);
            tests.add(test);
            results.add(result(manager, s, now, test.id()));
        }
        if (!tests.isEmpty()) {
            manager.enqueue(tests);
        }
        return Map.of("results", results, "total", results.size());
    }

    private static Map<String, Object> result(WebhookManager manager, Subscription s, Instant now, String testId) {
        Instant since = now.minus(WINDOW);
        Map<DeliveryState, Long> counts = manager.deliveries().counts(s.id(), since);
        long delivered = counts.get(DeliveryState.DELIVERED);
        long dead = counts.get(DeliveryState.DEAD_LETTERED);
        List<Duration> latencies = new ArrayList<>(manager.deliveries().deliveredLatencies(s.id(), since, SAMPLE));
        latencies.sort(null);
        Double failureRate = delivered + dead == 0 ? null : (double) dead / (delivered + dead);
        Duration p95 = latencies.isEmpty() ? null : latencies.get((int) Math.ceil(0.95 * latencies.size()) - 1);
        List<String> violations = new ArrayList<>();
        if (failureRate != null && failureRate > MAX_FAILURE_RATE) {
            violations.add(String.format("%.1f %% of finished deliveries were dead-lettered (at most %.0f %%)", failureRate * 100,
                    MAX_FAILURE_RATE * 100));
        }
        if (p95 != null && p95.compareTo(MAX_P95) > 0) {
            violations.add("p95 from event to receiver was " + p95.toMillis() + " ms (at most " + MAX_P95.toMillis() + " ms)");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("webhook_id", s.id());
        out.put("window_hours", WINDOW.toHours());
        out.put("delivered", delivered);
        out.put("dead_lettered", dead);
        out.put("waiting", counts.get(DeliveryState.PENDING) + counts.get(DeliveryState.RETRYING)
                + counts.get(DeliveryState.IN_PROGRESS));
        out.put("failure_rate", failureRate);
        out.put("p95_latency_ms", p95 == null ? null : p95.toMillis());
        out.put("slo_met", delivered + dead == 0 ? null : violations.isEmpty());
        out.put("violations", violations);
        out.put("test_delivery_id", testId);
        return out;
    }
}
