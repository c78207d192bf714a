package ai.aragora.webhooks.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import ai.aragora.api.webhook.SinkRequest;
import ai.aragora.api.webhook.SinkResponse;
import ai.aragora.webhooks.client.PinnedHttpClient;

/** A decision as a Slack message, posted to a loopback stand-in for Slack at the address the request carries. */
class SlackSinkTest {

    @Test
    void aCompletedDebateIsAReadableSummaryWithALinkToTheDebate() throws Exception {
        List<String> bodies = new CopyOnWriteArrayList<>();
        List<String> hosts = new CopyOnWriteArrayList<>();
        HttpServer slack = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        slack.createContext("/services/T000/B000/XXX", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                bodies.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            hosts.add(exchange.getRequestHeaders().getFirst("Host"));
            byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
            exchange.close();
        });
        slack.start();
        PinnedHttpClient client = new PinnedHttpClient(SSLContext.getDefault(), Duration.ofSeconds(5));
        SlackSink sink = new SlackSink(client, "https://aragora.example.com/");
        try {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("debate_id", "d-42");
            data.put("verdict", "approved_with_conditions");
            data.put("confidence", 0.853);
            data.put("winner", "demo-<balanced>");
            data.put("receipt_id", "rcpt-7");
            Map<String, Object> payload = Map.of("delivery_id", "dlv_1", "event_type", "debate.completed", "data", data);
            // hooks.test does not resolve: the message arrives only through the address it carries.
            SinkResponse r = sink.send(new SinkRequest("dlv_1", "debate.completed", Instant.now(),
                    URI.create("http://hooks.test:" + slack.getAddress().getPort() + "/services/T000/B000/XXX"), payload,
                    List.of(), Map.of(), Duration.ofSeconds(5), List.of(InetAddress.getLoopbackAddress())))
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(r.status()).isEqualTo(200);
            assertThat(hosts).containsExactly("hooks.test:" + slack.getAddress().getPort());
            assertThat(r.body()).isEqualTo("ok");
            Map<?, ?> message = new ObjectMapper().readValue(bodies.get(0), Map.class);
            assertThat((String) message.get("text")).isEqualTo(":white_check_mark: *Decision reached*\n"
                    + "*Verdict:* approved_with_conditions\n*Confidence:* 85%\n*Winner:* demo-&lt;balanced&gt;\n"
                    + "*Receipt:* rcpt-7\n<https://aragora.example.com/api/v1/debates/d-42|View debate d-42>");
            assertThat(message.get("blocks")).asList().hasSize(1);
        } finally {
            client.close();
            slack.stop(0);
        }
    }

    @Test
    void withoutAPublicUrlTheDebateIsNamedInstead() {
        Map<String, Object> m = SlackMessages.of(Map.of("event_type", "debate.failed",
                "data", Map.of("debate_id", "d-1", "status", "failed")), "");
        assertThat((String) m.get("text")).isEqualTo(":x: *Debate ended without a decision* (failed)\n*Debate:* d-1");
    }
}
