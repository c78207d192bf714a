package ai.aragora.webhooks.http;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import ai.aragora.api.webhook.OutboundHttp;
import ai.aragora.api.webhook.SinkRequest;
import ai.aragora.api.webhook.SinkResponse;
import ai.aragora.api.webhook.WebhookSink;

/**
 * The generic sink: the payload as a JSON POST, serialised as Python's {@code json.dumps} does and
 * signed three ways ({@link Signatures}); the subscriber's own headers never replace ours.
 * Redirects are not followed (a redirect is an answer like any other non-2xx), and an answer's
 * body is read only up to a cap. The POST goes to the addresses the outbound policy checked, never
 * to a new lookup of the name ({@link OutboundHttp}).
 */
@Component(service = WebhookSink.class, property = WebhookSink.KIND + "=http", configurationPid = HttpSink.PID)
@Designate(ocd = HttpSink.Config.class)
public class HttpSink implements WebhookSink {

    static final String PID = "ai.aragora.webhooks.http";

    @ObjectClassDefinition(name = "Aragora webhook sink: HTTP")
    @interface Config {
        @AttributeDefinition(description = "Bytes of a receiver's answer kept for the delivery's last error")
        int response_cap_bytes() default 4096;
    }

    private static final Set<String> OURS = Set.of("content-type", "user-agent", "x-aragora-event", "x-aragora-delivery",
            "x-aragora-timestamp", "x-aragora-signature", "x-webhook-signature", "webhook-id", "webhook-timestamp",
            "webhook-signature");
    /** Headers that frame the message: the client writes them, a subscriber's own never do. */
    private static final Set<String> FRAMING = Set.of("host", "content-length", "transfer-encoding", "connection",
            "keep-alive", "te", "trailer", "upgrade", "expect");
    private static final Duration LONGEST_RETRY_AFTER = Duration.ofDays(1);

    private final OutboundHttp client;
    private final int cap;
    private final Clock clock;

    @Activate
    public HttpSink(Config config, @Reference OutboundHttp client) {
        this(client, config.response_cap_bytes(), Clock.systemUTC());
    }

    /**
     * Outside the framework (tests, benchmarks): a sink on a client at hand.
     *
     * @param cap bytes of a receiver's answer kept
     */
    public HttpSink(OutboundHttp client, int cap, Clock clock) {
        this.client = client;
        this.cap = cap;
        this.clock = clock;
    }

    @Override
    public CompletionStage<SinkResponse> send(SinkRequest request) {
        try {
            byte[] body = PythonJson.write(request.payload()).getBytes(StandardCharsets.UTF_8);
            List<Map.Entry<String, String>> headers = new ArrayList<>();
            for (Map.Entry<String, String> h : request.headers().entrySet()) {
                String name = h.getKey().toLowerCase(Locale.ROOT);
                if (!OURS.contains(name) && !FRAMING.contains(name)) {
                    headers.add(h);
                }
            }
            headers.add(Map.entry("Content-Type", "application/json"));
            headers.add(Map.entry("User-Agent", "Aragora-Webhooks/1.0"));
            headers.addAll(Signatures.headers(request.deliveryId(), request.eventType(), clock.instant().getEpochSecond(), body,
                    request.secrets()).entrySet());
            return client.post(request.url(), request.addresses(), headers, body, request.timeout(), cap)
                    .thenApply(a -> new SinkResponse(a.status(), a.retryAfter().flatMap(v -> parseRetryAfter(v, clock.instant()))
                            .orElse(null), a.body()));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Seconds or an HTTP date; never negative, at most a day. */
    static Optional<Duration> parseRetryAfter(String value, Instant now) {
        String v = value.trim();
        Duration d;
        try {
            d = Duration.ofSeconds(Long.parseLong(v));
        } catch (NumberFormatException notSeconds) {
            try {
                d = Duration.between(now, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
        if (d.isNegative()) {
            d = Duration.ZERO;
        }
        return Optional.of(d.compareTo(LONGEST_RETRY_AFTER) > 0 ? LONGEST_RETRY_AFTER : d);
    }
}
