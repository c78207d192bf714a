package ai.aragora.api.webhook;

import java.net.InetAddress;
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
 * the attempt). The same delivery id comes with every attempt. {@code addresses} are where the
 * URL's host resolved when the outbound policy checked it for this attempt: a sink connects to one
 * of them (keeping the host name for the {@code Host} header and the TLS name check) and never
 * looks the name up again. Empty when the caller did not check (the 1.0 constructor): a sink
 * that calls out refuses such a request rather than resolve the name itself.
 */
public record SinkRequest(String deliveryId, String eventType, Instant timestamp, URI url, Map<String, Object> payload,
        List<String> secrets, Map<String, String> headers, Duration timeout, List<InetAddress> addresses) {

    public SinkRequest {
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(timeout, "timeout");
        secrets = secrets == null ? List.of() : List.copyOf(secrets);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
    }

    /** A request not pinned to checked addresses (the 1.0 form). */
    public SinkRequest(String deliveryId, String eventType, Instant timestamp, URI url, Map<String, Object> payload,
            List<String> secrets, Map<String, String> headers, Duration timeout) {
        this(deliveryId, eventType, timestamp, url, payload, secrets, headers, timeout, List.of());
    }

    /** A request to the destination the outbound policy checked. */
    public SinkRequest(String deliveryId, String eventType, Instant timestamp, Destination destination,
            Map<String, Object> payload, List<String> secrets, Map<String, String> headers, Duration timeout) {
        this(deliveryId, eventType, timestamp, destination.url(), payload, secrets, headers, timeout, destination.addresses());
    }

    /** Never prints the secrets. */
    @Override
    public String toString() {
        return "SinkRequest[" + deliveryId + ", " + eventType + ", " + url.getHost() + ", " + secrets.size() + " secrets]";
    }
}
