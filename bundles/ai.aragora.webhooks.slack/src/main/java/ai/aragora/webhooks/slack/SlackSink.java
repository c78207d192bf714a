package ai.aragora.webhooks.slack;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.aragora.api.webhook.SinkRequest;
import ai.aragora.api.webhook.SinkResponse;
import ai.aragora.api.webhook.WebhookSink;

/**
 * Posts deliveries to a Slack incoming webhook (the subscription's URL) as readable messages.
 * Slack authenticates the URL itself, so nothing is signed; redirects are not followed and only
 * the start of an answer is kept.
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
    private final HttpClient client;
    private final String publicUrl;

    @Activate
    public SlackSink(Config config) {
        this(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build(),
                config.public_url());
    }

    SlackSink(HttpClient client, String publicUrl) {
        this.client = client;
        this.publicUrl = publicUrl;
    }

    @Override
    public CompletionStage<SinkResponse> send(SinkRequest request) {
        try {
            byte[] body = json.writeValueAsBytes(SlackMessages.of(request.payload(), publicUrl));
            HttpRequest http = HttpRequest.newBuilder(request.url()).timeout(request.timeout())
                    .header("Content-Type", "application/json").header("User-Agent", "Aragora-Webhooks/1.0")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            return client.sendAsync(http, HttpResponse.BodyHandlers.ofInputStream()).thenApply(r -> new SinkResponse(r.statusCode(),
                    r.headers().firstValue("Retry-After").flatMap(SlackSink::seconds).orElse(null), start(r.body())));
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

    /** Slack answers a word ("ok", "invalid_payload"); more than the cap is not read. */
    private static String start(InputStream body) {
        try (body) {
            return new String(body.readNBytes(CAP), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
