package ai.aragora.webhooks.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.aragora.webhooks.outbox.Delivery;
import ai.aragora.webhooks.store.Subscription;

/** How subscriptions and deliveries look on the wire. Secrets and header values never do. */
final class WebhookViews {

    private WebhookViews() {
    }

    static Map<String, Object> subscription(Subscription s) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", s.id());
        v.put("org_id", s.orgId());
        v.put("url", s.url());
        v.put("sink", s.sink());
        v.put("events", s.events().isEmpty() ? List.of("*") : s.events());
        v.put("description", s.description());
        v.put("header_names", List.copyOf(s.headers().keySet()));
        v.put("active", s.active());
        v.put("paused", s.paused());
        v.put("disabled_reason", s.disabledReason());
        v.put("signing_secrets", s.secrets().size());
        v.put("created_at", s.createdAt().toString());
        v.put("updated_at", s.updatedAt().toString());
        return v;
    }

    static Map<String, Object> delivery(Delivery d) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("delivery_id", d.id());
        v.put("webhook_id", d.subscriptionId());
        v.put("event_type", d.eventType());
        v.put("status", d.state().name());
        v.put("attempts", d.attempts());
        v.put("next_attempt_at", d.nextAttempt().toString());
        v.put("last_status_code", d.lastStatus());
        v.put("last_error", d.lastError());
        v.put("created_at", d.createdAt().toString());
        v.put("updated_at", d.updatedAt().toString());
        v.put("delivered_at", d.deliveredAt() == null ? null : d.deliveredAt().toString());
        return v;
    }

    static Map<String, Object> deliveryWithPayload(Delivery d) {
        Map<String, Object> v = delivery(d);
        v.put("payload", d.body());
        return v;
    }
}
