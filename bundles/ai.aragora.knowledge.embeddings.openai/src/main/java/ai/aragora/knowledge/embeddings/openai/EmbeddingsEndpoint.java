package ai.aragora.knowledge.embeddings.openai;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.aragora.api.knowledge.EmbeddingException;
import ai.aragora.api.resilience.FailureVerdict;

/**
 * One request to {@code POST {base}/embeddings} and its answer, in the shape OpenAI defines:
 * {@code {"model", "input": [...], "encoding_format": "float"}} in,
 * {@code {"data": [{"index", "embedding": [...]}]}} out, in any order of index. Failures carry the
 * status and the server's own message, never the key.
 */
final class EmbeddingsEndpoint {

    /** A failed attempt, with what it means for a retry. */
    static final class Failure extends EmbeddingException {
        private static final long serialVersionUID = 1L;
        final transient FailureVerdict verdict;

        Failure(String message, FailureVerdict verdict) {
            super(message);
            this.verdict = verdict;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MESSAGE_CAP = 300;

    private final HttpClient client;
    private final URI uri;
    private final String model;
    private final int dimensions;
    private final String apiKey;
    private final Duration timeout;

    EmbeddingsEndpoint(HttpClient client, String baseUrl, String model, int dimensions, String apiKey, Duration timeout) {
        this.client = client;
        this.uri = URI.create(baseUrl.replaceAll("/+$", "") + "/embeddings");
        if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("base.url must be an http(s) URL without credentials, got " + uri.getScheme() + "://...");
        }
        this.model = model;
        this.dimensions = dimensions;
        this.apiKey = apiKey == null ? "" : apiKey.trim();
        this.timeout = timeout;
    }

    URI uri() {
        return uri;
    }

    CompletionStage<List<float[]>> embed(List<String> texts) {
        ObjectNode body = JSON.createObjectNode().put("model", model).put("encoding_format", "float");
        ArrayNode input = body.putArray("input");
        texts.forEach(input::add);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        if (!apiKey.isEmpty()) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .handle((response, failure) -> {
                    if (failure != null) {
                        throw new CompletionException(transport(failure));
                    }
                    return vectors(response, texts.size());
                });
    }

    private Failure transport(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof HttpTimeoutException) {
            return new Failure(model + " at " + uri.getHost() + " did not answer within " + timeout.toMillis() + " ms",
                    FailureVerdict.transientFailure(null));
        }
        if (cause instanceof IOException) {
            return new Failure(model + " at " + uri.getHost() + ": connection failed (" + cause.getClass().getSimpleName() + ")",
                    FailureVerdict.transientFailure(null));
        }
        return new Failure(model + " at " + uri.getHost() + ": call failed (" + cause.getClass().getSimpleName() + ")", FailureVerdict.FATAL);
    }

    private List<float[]> vectors(HttpResponse<String> response, int count) {
        int status = response.statusCode();
        JsonNode json = parse(response.body());
        if (status / 100 != 2) {
            String said = json == null ? "" : json.path("error").path("message").asText(json.path("error").asText(""));
            String message = model + " at " + uri.getHost() + " answered " + status + (said.isEmpty() ? "" : ": " + clean(said));
            throw new Failure(message, verdict(status, response));
        }
        JsonNode data = json == null ? null : json.get("data");
        if (data == null || !data.isArray() || data.size() != count) {
            throw new Failure(model + " at " + uri.getHost() + " answered without " + count + " embeddings in 'data'", FailureVerdict.FATAL);
        }
        float[][] out = new float[count][];
        for (JsonNode item : data) {
            int index = item.path("index").asInt(-1);
            JsonNode values = item.get("embedding");
            if (index < 0 || index >= count || out[index] != null || values == null || !values.isArray()) {
                throw new Failure(model + " at " + uri.getHost() + " answered an embedding with a missing or repeated index",
                        FailureVerdict.FATAL);
            }
            if (values.size() != dimensions) {
                throw new Failure(model + " answered vectors of " + values.size() + " dimensions, configured: " + dimensions,
                        FailureVerdict.NOT_COUNTED);
            }
            float[] v = new float[dimensions];
            for (int i = 0; i < dimensions; i++) {
                v[i] = (float) values.get(i).asDouble();
            }
            out[index] = v;
        }
        return List.of(out);
    }

    /** 429 and 5xx may pass; 408 is a timeout; any other 4xx is ours to fix and no fault of the server. */
    private static FailureVerdict verdict(int status, HttpResponse<?> response) {
        if (status == 429 || status == 408 || status >= 500) {
            Duration after = response.headers().firstValue("retry-after").map(EmbeddingsEndpoint::seconds).orElse(null);
            return FailureVerdict.transientFailure(after);
        }
        return status == 401 || status == 403 ? FailureVerdict.FATAL : FailureVerdict.NOT_COUNTED;
    }

    private static Duration seconds(String value) {
        try {
            long s = Long.parseLong(value.trim());
            return s >= 0 ? Duration.ofSeconds(Math.min(s, 3600)) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private String clean(String said) {
        String s = apiKey.isEmpty() ? said : said.replace(apiKey, "[redacted]");
        return s.length() <= MESSAGE_CAP ? s : s.substring(0, MESSAGE_CAP) + "...";
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
