package ai.aragora.api.webhook;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One attempt of one delivery. {@code payload} is the body's content in key order
 * ({@code delivery_id}, {@code event_type}, {@code timestamp}, {@code org_id}, {@code data});
 * {@code secrets} are the subscription's active signing secrets ({@code whsec_} + base64), the
 * newest first, empty when nothing signs; {@code headers} are the subscriber's own extra
 * headers; {@code timestamp} is when the delivery was recorded (a sink signs with the time of
 * the attempt). The same delivery id comes with every attempt.
 */
public record SinkRequest(String deliveryId, String eventType, Instant timestamp, URI url, Map<String, Object> payload,
        List<String> secrets, Map<String, String> headers, Duration timeout) {

    public SinkRequest {
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(timeout, "timeout");
        secrets = secrets == null ? List.of() : List.copyOf(secrets);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** Never prints the secrets. */
    @Override
    public String toString() {
        return "SinkRequest[" + deliveryId + ", " + eventType + ", " + url.getHost() + ", " + secrets.size() + " secrets]";
    }
}
