package ai.aragora.webhooks.slack;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.aragora.api.webhook.OutboundHttp;
import ai.aragora.api.webhook.SinkRequest;
import ai.aragora.api.webhook.SinkResponse;
import ai.aragora.api.webhook.WebhookSink;

/**
 * Posts deliveries to a Slack incoming webhook (the subscription's URL) as readable messages.
 * Slack authenticates the URL itself, so nothing is signed; redirects are not followed and only
 * the start of an answer is kept. The message goes to the addresses the outbound policy checked
 * ({@link OutboundHttp}).
 */
@Component(service = WebhookSink.class, property = WebhookSink.KIND + "=slack", configurationPid = SlackSink.PID)
@Designate(ocd = SlackSink.Config.class)
public class SlackSink implements WebhookSink {

    static final String PID = "ai.aragora.webhooks.slack";
    private static final int CAP = 1024;

    @ObjectClassDefinition(name = "Aragora webhook sink: Slack")
    @interface Config {
        @AttributeDefinition(description = "The server's public URL, for links to debates (ARAGORA_PUBLIC_URL)")
        String public_url() default "";
    }

    private final ObjectMapper json = new ObjectMapper();
    private final OutboundHttp client;
    private final String publicUrl;

    @Activate
    public SlackSink(Config config, @Reference OutboundHttp client) {
        this(client, config.public_url());
    }

    SlackSink(OutboundHttp client, String publicUrl) {
        this.client = client;
        this.publicUrl = publicUrl;
    }

    @Override
    public CompletionStage<SinkResponse> send(SinkRequest request) {
        try {
            byte[] body = json.writeValueAsBytes(SlackMessages.of(request.payload(), publicUrl));
            return client.post(request.url(), request.addresses(), List.of(Map.entry("Content-Type", "application/json"),
                    Map.entry("User-Agent", "Aragora-Webhooks/1.0")), body, request.timeout(), CAP)
                    .thenApply(a -> new SinkResponse(a.status(), a.retryAfter().flatMap(SlackSink::seconds).orElse(null), a.body()));
        } catch (JsonProcessingException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static Optional<Duration> seconds(String v) {
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v.trim()))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
