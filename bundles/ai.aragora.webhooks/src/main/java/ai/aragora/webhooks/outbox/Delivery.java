package ai.aragora.webhooks.outbox;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One delivery of one event to one subscription (or to a callback URL, with no subscription).
 * {@code payload} is the JSON body's content, fixed when the delivery was recorded.
 */
public record Delivery(String id, String subscriptionId, String orgId, String url, String sink, String eventType,
        String payload, DeliveryState state, int attempts, Instant nextAttempt, Integer lastStatus, String lastError,
        Instant createdAt, Instant updatedAt, Instant deliveredAt) {

    /**
     * A new pending delivery. Its body: {@code delivery_id}, {@code event_type}, {@code timestamp}
     * (when the event happened), {@code org_id} and the event's {@code data}, in that order.
     */
    public static Delivery pending(String subscriptionId, String orgId, String url, String sink, String eventType,
            Instant eventTime, Map<String, Object> data, Instant now) {
        String id = "dlv_" + UUID.randomUUID().toString().replace("-", "");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("delivery_id", id);
        body.put("event_type", eventType);
        body.put("timestamp", eventTime.toString());
        body.put("org_id", orgId);
        body.put("data", data);
        return new Delivery(id, subscriptionId, orgId, url, sink, eventType, Json.write(body), DeliveryState.PENDING, 0,
                now, null, null, now, now, null);
    }

    /** The body's content, in its key order. */
    public Map<String, Object> body() {
        return Json.readMap(payload);
    }
}
