package ai.aragora.agents.llm.internal;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import ai.aragora.agents.llm.ChatProtocol;
import ai.aragora.agents.llm.ChatReply;
import ai.aragora.agents.llm.ChatRequest;
import ai.aragora.agents.llm.Endpoint;
import ai.aragora.agents.llm.ProviderSettings;
import ai.aragora.agents.llm.StreamDecoder;
import ai.aragora.api.agent.AgentException;
import ai.aragora.api.agent.AgentException.Kind;

/**
 * One provider's endpoint over the JDK HTTP client, never blocking: each attempt is bounded by
 * the caller's deadline and the endpoint's attempt timeout, streamed bodies are read line by
 * line as they arrive, and every failure becomes an {@link AgentException} of the right kind
 * without the key in its message.
 */
public final class HttpChat implements ChatEndpoint {

    private final HttpClient client;
    private final ChatProtocol protocol;
    private final Endpoint endpoint;
    private final PriceTable prices;
    private final Clock clock;

    public HttpChat(HttpClient client, ChatProtocol protocol, Endpoint endpoint, PriceTable prices) {
        this(client, protocol, endpoint, prices, Clock.systemUTC());
    }

    HttpChat(HttpClient client, ChatProtocol protocol, Endpoint endpoint, PriceTable prices, Clock clock) {
        this.client = client;
        this.protocol = protocol;
        this.endpoint = endpoint;
        this.prices = prices;
        this.clock = clock;
    }

    /** The endpoint of a provider as configured, its prices included. */
    public static HttpChat of(HttpClient client, ProviderSettings settings, ChatProtocol protocol) {
        return new HttpChat(client, protocol, settings.endpoint(), PriceTable.parse(settings.prices().toArray(new String[0])));
    }

    /** A client for LLM calls: connects within ten seconds, follows no redirects. */
    public static HttpClient newClient() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public CompletionStage<ChatReply> send(ChatRequest request, Instant deadline, Consumer<String> tokens) {
        Duration remaining = Duration.between(clock.instant(), deadline);
        if (remaining.isNegative() || remaining.isZero()) {
            return CompletableFuture.failedFuture(new AgentException(Kind.TIMEOUT, endpoint.provider() + ": the deadline has passed"));
        }
        Duration timeout = remaining.compareTo(endpoint.attemptTimeout()) < 0 ? remaining : endpoint.attemptTimeout();
        StreamDecoder decoder = request.stream() ? protocol.streamDecoder(request) : null;
        ChatRequest effective = request.withStream(decoder != null);
        HttpRequest http;
        try {
            http = protocol.request(endpoint, effective).timeout(timeout).build();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new AgentException(Kind.BAD_REQUEST,
                    endpoint.provider() + ": cannot build the request: " + Redaction.clean(e.getMessage(), endpoint.apiKey())));
        }
        // Bodies are read as they arrive and interpreted once complete, so every failure,
        // including one found in the body, surfaces in the same place.
        CompletableFuture<HttpResponse<Supplier<ChatReply>>> exchange = client.sendAsync(http,
                info -> info.statusCode() / 100 == 2 ? success(effective, streamed(info.headers()) ? decoder : null, tokens)
                        : failure(info.statusCode(), info.headers()));
        // The client's own timeout covers the response head only; a slow stream is cut here.
        CompletableFuture<ChatReply> result = exchange.thenApply(response -> response.body().get())
                .orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS);
        result.whenComplete((reply, failure) -> {
            if (failure != null) {
                exchange.cancel(true);
            }
        });
        return result.handle((reply, failure) -> {
            if (failure != null) {
                throw new CompletionException(translate(failure, timeout));
            }
            return reply.costUsd() != null ? reply : reply.withCost(prices.cost(reply.model(), reply.inputTokens(), reply.outputTokens()));
        });
    }

    /** Some servers ignore the stream flag and answer with one JSON body: read it as such. */
    private static boolean streamed(HttpHeaders headers) {
        return headers.firstValue("content-type").map(type -> type.toLowerCase(java.util.Locale.ROOT).startsWith("text/event-stream"))
                .orElse(false);
    }

    private BodySubscriber<Supplier<ChatReply>> success(ChatRequest request, StreamDecoder decoder, Consumer<String> tokens) {
        if (decoder != null) {
            SseLineSubscriber lines = new SseLineSubscriber(decoder, tokens);
            // null separator: lines end at \n, \r or \r\n, as the SSE format allows
            return BodySubscribers.<SseLineSubscriber, Supplier<ChatReply>>fromLineSubscriber(lines, subscriber -> subscriber::reply,
                    StandardCharsets.UTF_8, null);
        }
        return BodySubscribers.mapping(BodySubscribers.ofString(StandardCharsets.UTF_8), body -> () -> {
            JsonNode json = parse(body).orElseThrow(() -> new AgentException(Kind.UNPARSEABLE,
                    endpoint.provider() + " answered with malformed JSON"));
            return protocol.reply(json, request);
        });
    }

    private BodySubscriber<Supplier<ChatReply>> failure(int status, HttpHeaders headers) {
        return BodySubscribers.mapping(BodySubscribers.ofString(StandardCharsets.UTF_8), body -> () -> {
            throw error(status, headers, body);
        });
    }

    AgentException error(int status, HttpHeaders headers, String body) {
        JsonNode json = parse(body).orElse(MissingNode.getInstance());
        String said = json.isMissingNode() ? null : protocol.errorMessage(json);
        String message = endpoint.provider() + " answered " + status + (said == null ? "" : ": " + Redaction.clean(said, endpoint.apiKey()));
        Duration retryAfter = retryAfter(headers.firstValue("retry-after").orElse(null), clock.instant());
        Kind kind = protocol.errorKind(status, json);
        return new AgentException(kind != null ? kind : kindOf(status, json), message, retryAfter, null);
    }

    private Kind kindOf(int status, JsonNode json) {
        if (protocol.quotaExhausted(status, json)) {
            return Kind.QUOTA;
        }
        if (status == 401 || status == 403) {
            return Kind.AUTHENTICATION;
        }
        if (status == 429) {
            return Kind.RATE_LIMITED;
        }
        if (status == 408) {
            return Kind.TIMEOUT;
        }
        return status >= 400 && status < 500 ? Kind.BAD_REQUEST : Kind.UNAVAILABLE;
    }

    private AgentException translate(Throwable failure, Duration timeout) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof AgentException agent) {
            return agent;
        }
        if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
            return new AgentException(Kind.TIMEOUT, endpoint.provider() + " did not answer within " + timeout.toMillis() + " ms", null, null);
        }
        if (cause instanceof IOException) {
            // Dropped connections, resets, refused connects: the provider is not reachable now.
            return new AgentException(Kind.UNAVAILABLE, endpoint.provider() + " connection failed: "
                    + cause.getClass().getSimpleName() + " " + Redaction.clean(cause.getMessage(), endpoint.apiKey()), null, null);
        }
        return new AgentException(Kind.UNAVAILABLE, endpoint.provider() + " call failed: " + cause.getClass().getSimpleName(), null, null);
    }

    private static java.util.Optional<JsonNode> parse(String body) {
        try {
            JsonNode node = Json.STRICT.readTree(body);
            return node == null || node.isMissingNode() ? java.util.Optional.empty() : java.util.Optional.of(node);
        } catch (JsonProcessingException e) {
            return java.util.Optional.empty();
        }
    }

    /** Retry-After as seconds or an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            double seconds = Double.parseDouble(v);
            return seconds >= 0 ? Duration.ofMillis((long) (seconds * 1000)) : null;
        } catch (NumberFormatException notSeconds) {
            try {
                Duration d = Duration.between(now, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }
}
