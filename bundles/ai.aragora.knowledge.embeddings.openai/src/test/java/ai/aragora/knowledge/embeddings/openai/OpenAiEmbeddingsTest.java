package ai.aragora.knowledge.embeddings.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import ai.aragora.api.knowledge.EmbeddingException;
import ai.aragora.api.resilience.Resilience;
import ai.aragora.resilience.ResilienceService;

/** Against a loopback server that speaks OpenAI's {@code POST /v1/embeddings}, with the real retry loop. */
class OpenAiEmbeddingsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "sk-test-secret-0123456789";

    /** What the stand-in answers next; null: a proper answer. */
    private final ConcurrentLinkedQueue<Integer> failures = new ConcurrentLinkedQueue<>();
    private final List<JsonNode> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger delayMillis = new AtomicInteger();
    private HttpServer server;
    private Resilience resilience;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/embeddings", this::answer);
        server.start();
        resilience = resilience();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    /** The resilience service with its defaults, but waits of a few milliseconds. */
    private static Resilience resilience() {
        try {
            Class<?> configType = Class.forName("ai.aragora.resilience.ResilienceConfig");
            Object config = Proxy.newProxyInstance(configType.getClassLoader(), new Class<?>[] {configType}, (proxy, method, args) ->
                    switch (method.getName()) {
                        case "initial_delay_millis" -> 5L;
                        case "max_delay_millis" -> 20L;
                        default -> method.getDefaultValue();
                    });
            return (Resilience) ResilienceService.class.getConstructor(configType).newInstance(config);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        JsonNode request = JSON.readTree(exchange.getRequestBody());
        requests.add(request);
        authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
        try {
            Thread.sleep(delayMillis.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Integer status = failures.poll();
        byte[] body;
        if (status != null) {
            body = ("{\"error\":{\"message\":\"refused key " + KEY + "\",\"type\":\"x\"}}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Retry-After", "0");
        } else {
            status = 200;
            ObjectNode out = JSON.createObjectNode().put("object", "list").put("model", request.path("model").asText());
            ArrayNode data = out.putArray("data");
            JsonNode input = request.path("input");
            // Backwards, as the protocol allows: the index says which text each vector is for.
            for (int i = input.size() - 1; i >= 0; i--) {
                ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
                ArrayNode v = item.putArray("embedding");
                String text = input.get(i).asText();
                v.add(text.length()).add(i).add(0.5);
            }
            out.putObject("usage").put("prompt_tokens", 3).put("total_tokens", 3);
            body = out.toString().getBytes(StandardCharsets.UTF_8);
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private OpenAiEmbeddings provider(int batch, Duration timeout) {
        return new OpenAiEmbeddings(resilience, HttpClient.newHttpClient(), "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/",
                "text-embedding-test", 3, KEY, batch, timeout, 3);
    }

    @Test
    void textsGoInBatchesAndComeBackInOrder() {
        List<String> texts = IntStream.range(0, 5).mapToObj(i -> "t".repeat(i + 1)).toList();

        List<float[]> vectors = provider(2, Duration.ofSeconds(5)).embed(texts);

        assertThat(vectors).hasSize(5);
        for (int i = 0; i < 5; i++) {
            assertThat(vectors.get(i)[0]).isEqualTo(i + 1f);
        }
        assertThat(requests).hasSize(3);
        assertThat(requests.get(0).path("input")).hasSize(2);
        assertThat(requests.get(2).path("input")).hasSize(1);
        assertThat(requests.get(0).path("model").asText()).isEqualTo("text-embedding-test");
        assertThat(requests.get(0).path("encoding_format").asText()).isEqualTo("float");
        assertThat(authorizations).allMatch(("Bearer " + KEY)::equals);
    }

    @Test
    void rateLimitsAndServerErrorsAreRetried() {
        failures.add(429);
        failures.add(503);

        assertThat(provider(64, Duration.ofSeconds(5)).embed(List.of("one", "two"))).hasSize(2);
        assertThat(requests).hasSize(3);
    }

    @Test
    void aRefusedRequestIsNotRetriedAndTheKeyIsNotRepeated() {
        failures.add(400);

        assertThatThrownBy(() -> provider(64, Duration.ofSeconds(5)).embed(List.of("one")))
                .isInstanceOf(EmbeddingException.class).hasMessageContaining("answered 400")
                .hasMessageContaining("[redacted]").hasMessageNotContaining(KEY);
        assertThat(requests).hasSize(1);
    }

    @Test
    void aServerThatKeepsFailingEndsInAnEmbeddingException() {
        failures.addAll(List.of(500, 500, 500, 500));

        assertThatThrownBy(() -> provider(64, Duration.ofSeconds(5)).embed(List.of("one")))
                .isInstanceOf(EmbeddingException.class).hasMessageContaining("answered 500");
        assertThat(requests).hasSize(3);
    }

    @Test
    void aSlowServerTimesOut() {
        delayMillis.set(1_500);

        assertThatThrownBy(() -> provider(64, Duration.ofMillis(200)).embed(List.of("one")))
                .isInstanceOf(EmbeddingException.class).hasMessageContaining("did not answer within 200 ms");
    }

    @Test
    void vectorsOfAnotherLengthAreRefused() {
        OpenAiEmbeddings wrong = new OpenAiEmbeddings(resilience, HttpClient.newHttpClient(),
                "http://127.0.0.1:" + server.getAddress().getPort() + "/v1", "text-embedding-test", 8, "", 64, Duration.ofSeconds(5), 3);

        assertThatThrownBy(() -> wrong.embed(List.of("one"))).isInstanceOf(EmbeddingException.class)
                .hasMessageContaining("3 dimensions, configured: 8");
        assertThat(authorizations).containsOnlyNulls();
    }

    @Test
    void aBaseUrlWithCredentialsIsRefused() {
        assertThatThrownBy(() -> new OpenAiEmbeddings(resilience, HttpClient.newHttpClient(), "http://user:" + KEY + "@127.0.0.1/v1",
                "m", 3, "", 64, Duration.ofSeconds(1), 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining(KEY);
    }
}
