package ai.aragora.webhooks.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import ai.aragora.api.webhook.SinkRequest;
import ai.aragora.api.webhook.SinkResponse;
import ai.aragora.webhooks.client.PinnedHttpClient;

/**
 * The HTTP sink against a loopback receiver that captures what arrives. URLs name a host that
 * does not resolve ({@code hooks.test}): a request arrives only because it went to the address
 * it carries, checked beforehand.
 */
class HttpSinkTest {

    record Captured(String path, Map<String, String> headers, byte[] body) {
    }

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String NEWER = "whsec_c2Vjb25kLXNlY3JldC1vZi0yNC1ieXRlcyE=";

    @TempDir
    Path dir;
    HttpServer receiver;
    final List<Captured> captured = new CopyOnWriteArrayList<>();
    volatile int status = 200;
    volatile String answer = "ok";
    volatile Map<String, String> answerHeaders = Map.of();
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);
    final PinnedHttpClient client = new PinnedHttpClient(SSLContext.getDefault(), Duration.ofSeconds(5));
    final HttpSink sink = new HttpSink(client, 64, CLOCK);

    HttpSinkTest() throws Exception {
    }

    @BeforeEach
    void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", this::capture);
        receiver.start();
    }

    private void capture(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, v.get(0)));
            captured.add(new Captured(exchange.getRequestURI().getPath(), headers, in.readAllBytes()));
        }
        answerHeaders.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        byte[] out = answer.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
        if (out.length > 0) {
            exchange.getResponseBody().write(out);
        }
        exchange.close();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
        client.close();
    }

    private URI url(String path) {
        return URI.create("http://hooks.test:" + receiver.getAddress().getPort() + path);
    }

    private static Map<String, Object> payload(String id, Map<String, Object> data) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("delivery_id", id);
        payload.put("event_type", "debate.completed");
        payload.put("timestamp", "2026-12-01T11:59:59.123456789Z");
        payload.put("org_id", "org-a");
        payload.put("data", data);
        return payload;
    }

    private SinkResponse send(String id, Map<String, Object> data, List<String> secrets) throws Exception {
        return send(sink, url("/hook"), id, data, secrets, Map.of("X-Team", "decisions", "X-Aragora-Signature", "forged"));
    }

    private static SinkResponse send(HttpSink through, URI url, String id, Map<String, Object> data, List<String> secrets,
            Map<String, String> headers) throws Exception {
        return through.send(new SinkRequest(id, "debate.completed", Instant.now(), url, payload(id, data), secrets, headers,
                Duration.ofSeconds(5), List.of(LOOPBACK))).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static Map<String, Object> tricky() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("debate_id", "d-1");
        data.put("verdict", "approved");
        data.put("confidence", 0.85);
        data.put("whole", 1.0);
        data.put("tiny", 1e-05);
        data.put("small", 0.0001);
        data.put("huge", 1.5e16);
        data.put("exact", 123456789012345.6);
        data.put("negative", -2.5e-7);
        data.put("big_int", 9007199254740993L);
        data.put("text", "Should we ship the \"retry\" change? — décision ✓ 😀 tab\tnew\nline \\ / \u0001 \u007f");
        data.put("nested", Map.of("empty", Map.of()));
        data.put("list", List.of(1, "two", List.of(), true, false));
        data.put("none", null);
        return data;
    }

    @Test
    void everyDeliveryVerifiesWithTheRunbookSnippetRunUnchangedInPython() throws Exception {
        List<List<String>> secretsPerDelivery = List.of(List.of(SECRET), List.of(NEWER, SECRET));
        List<String> lines = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < secretsPerDelivery.size(); i++) {
            assertThat(send("dlv_" + i, tricky(), secretsPerDelivery.get(i)).status()).isEqualTo(200);
            Captured c = captured.get(i);
            lines.add(json.writeValueAsString(Map.of("headers", c.headers(),
                    "body", Base64.getEncoder().encodeToString(c.body()), "secrets", secretsPerDelivery.get(i))));
        }
        Path file = dir.resolve("captured.jsonl");
        Files.write(file, lines);
        Path script = dir.resolve("receiver_check.py");
        try (InputStream in = getClass().getResourceAsStream("/receiver_check.py")) {
            Files.copy(in, script);
        }
        Process python = new ProcessBuilder("python3", script.toString(), file.toString()).redirectErrorStream(true).start();
        String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(python.exitValue()).as(out).isZero();
        assertThat(out).contains("checked 2 deliveries, 0 failures");

        Captured rotated = captured.get(1);
        assertThat(rotated.headers().get("Webhook-signature").split(" ")).as("one v1 entry per active secret").hasSize(2)
                .allSatisfy(e -> assertThat(e).startsWith("v1,"));
        assertThat(rotated.headers()).containsEntry("X-aragora-event", "debate.completed")
                .containsEntry("X-aragora-timestamp", "1796126400").containsEntry("X-team", "decisions")
                .containsEntry("Content-type", "application/json");
        assertThat(rotated.headers().get("X-aragora-signature")).as("a subscriber header never replaces ours")
                .startsWith("sha256=").isNotEqualTo("forged");
    }

    @Test
    void theBodyIsWhatJsonDumpsWrites() {
        assertThat(PythonJson.write(tricky())).isEqualTo("{\"debate_id\": \"d-1\", \"verdict\": \"approved\","
                + " \"confidence\": 0.85, \"whole\": 1.0, \"tiny\": 1e-05, \"small\": 0.0001, \"huge\": 1.5e+16,"
                + " \"exact\": 123456789012345.6, \"negative\": -2.5e-07, \"big_int\": 9007199254740993,"
                + " \"text\": \"Should we ship the \\\"retry\\\" change? \\u2014 d\\u00e9cision \\u2713 \\ud83d\\ude00"
                + " tab\\tnew\\nline \\\\ / \\u0001 \\u007f\", \"nested\": {\"empty\": {}},"
                + " \"list\": [1, \"two\", [], true, false], \"none\": null}");
        assertThat(PythonJson.repr(1e16)).isEqualTo("1e+16");
        assertThat(PythonJson.repr(1e15)).isEqualTo("1000000000000000.0");
        assertThat(PythonJson.repr(1e100)).isEqualTo("1e+100");
        assertThat(PythonJson.repr(0.1)).isEqualTo("0.1");
        assertThat(PythonJson.repr(-0.0)).isEqualTo("-0.0");
    }

    @Test
    void redirectsAreAnswersNotFollowed() throws Exception {
        status = 302;
        answer = "";
        answerHeaders = Map.of("Location", url("/elsewhere").toString());
        SinkResponse r = send("dlv_r", Map.of(), List.of(SECRET));
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.delivered()).isFalse();
        assertThat(captured).extracting(Captured::path).containsExactly("/hook");
    }

    @Test
    void anAnswersBodyIsReadUpToTheCapAndRetryAfterIsKept() throws Exception {
        status = 503;
        answer = "x".repeat(1_000_000);
        answerHeaders = Map.of("Retry-After", "120");
        SinkResponse r = send("dlv_c", Map.of(), List.of(SECRET));
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.body()).hasSize(64);
        assertThat(r.retryAfter()).isEqualTo(Duration.ofSeconds(120));
        Instant now = Instant.parse("2026-12-01T12:00:00Z");
        assertThat(HttpSink.parseRetryAfter("Tue, 01 Dec 2026 12:01:30 GMT", now)).contains(Duration.ofSeconds(90));
        assertThat(HttpSink.parseRetryAfter("soon", now)).isEmpty();
        assertThat(HttpSink.parseRetryAfter("-5", now)).contains(Duration.ZERO);
    }

    @Test
    void noSecretNoSignatureButTheDeliveryHeadersStill() throws Exception {
        send("dlv_n", Map.of(), List.of());
        assertThat(captured.get(0).headers()).doesNotContainKey("X-webhook-signature")
                .containsEntry("X-aragora-delivery", "dlv_n").containsEntry("Webhook-id", "dlv_n");
    }

    @Test
    void theRequestGoesToTheAddressItCarriesUnderItsHostName() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(send("dlv_p" + i, Map.of(), List.of(SECRET)).status()).isEqualTo(200);
        }
        assertThat(captured).hasSize(3).allSatisfy(c -> assertThat(c.headers())
                .containsEntry("Host", "hooks.test:" + receiver.getAddress().getPort()));
    }

    @Test
    void aRequestWithoutCheckedAddressesIsNotSent() {
        SinkRequest unchecked = new SinkRequest("dlv_u", "debate.completed", Instant.now(),
                URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook"), payload("dlv_u", Map.of()),
                List.of(SECRET), Map.of(), Duration.ofSeconds(5));
        assertThatThrownBy(() -> sink.send(unchecked).toCompletableFuture().get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasMessageContaining("no checked address");
        assertThat(captured).isEmpty();
    }

    @Test
    void aSubscribersHeadersNeverReframeTheRequest() throws Exception {
        assertThat(send(sink, url("/hook"), "dlv_f", Map.of(), List.of(SECRET),
                Map.of("Host", "metadata.internal", "Transfer-Encoding", "chunked", "Content-Length", "0")).status())
                .isEqualTo(200);
        assertThat(captured.get(0).headers()).containsEntry("Host", "hooks.test:" + receiver.getAddress().getPort())
                .doesNotContainKey("Transfer-encoding");
        assertThat(captured.get(0).body()).isNotEmpty();
        assertThatThrownBy(() -> send(sink, url("/hook"), "dlv_g", Map.of(), List.of(SECRET),
                Map.of("X-Team", "a\r\nX-Injected: yes")))
                .isInstanceOf(ExecutionException.class).hasMessageContaining("line break");
        assertThat(captured).hasSize(1);
    }
}
