package ai.aragora.agents.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ai.aragora.agents.llm.FakeLlmServer.Answer;
import ai.aragora.agents.llm.FakeLlmServer.Recorded;
import ai.aragora.agents.llm.internal.HttpChat;
import ai.aragora.api.agent.AgentException;
import ai.aragora.api.agent.AgentException.Kind;

/**
 * What every provider must get right against its loopback stand-in: the exact request, the
 * reply's text, usage, cost and model, streaming, and each failure mapped to its kind with
 * the key never shown. A provider's test extends this with its wire format.
 */
public abstract class ChatProtocolContract {

    protected static final String KEY = "sk-test-0123456789abcdefKEY";

    protected FakeLlmServer server;
    private final List<String> tokens = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServer() throws Exception {
        server = FakeLlmServer.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    /** The provider's endpoint as its component builds it, pointed at {@code base}. */
    protected abstract HttpChat chat(URI base, String apiKey);

    protected abstract String model();

    /** Checks path, headers and body of {@code request}, which carried {@code sent}. */
    protected abstract void assertRequest(Recorded request, ChatRequest sent);

    /** A successful response body in the provider's shape. */
    protected abstract String reply(String text, String model, long inputTokens, long outputTokens);

    /** A streamed response as SSE events (each without the blank separator line), or null if the provider does not stream. */
    protected abstract List<String> stream(List<String> pieces, String model, long inputTokens, long outputTokens);

    /** An error body in the provider's shape. */
    protected abstract String error(int status, String message);

    /** The provider's answer when the account has no quota or credit left. */
    protected abstract Answer quotaExhausted();

    /** A response in which the model refuses to answer. */
    protected abstract Answer refusal();

    /** What the configured prices make of these tokens. */
    protected abstract double expectedCost(long inputTokens, long outputTokens);

    protected ChatRequest request(boolean stream) {
        return new ChatRequest(model(), "You are a careful tester.", "Say hello to the debate.", 256, 0.3, stream);
    }

    private CompletionStage<ChatReply> send(ChatRequest request, Duration budget) {
        return chat(server.base(), KEY).send(request, Instant.now().plus(budget), tokens::add);
    }

    private static ChatReply await(CompletionStage<ChatReply> stage) throws Exception {
        return stage.toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    private static AgentException failure(CompletionStage<ChatReply> stage) throws Exception {
        try {
            stage.toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(AgentException.class);
            AgentException failure = (AgentException) e.getCause();
            assertThat(failure.getMessage()).doesNotContain(KEY).doesNotContain(KEY.substring(0, 12));
            return failure;
        }
        throw new AssertionError("the call succeeded");
    }

    @Test
    void theRequestIsExactlyWhatTheProviderExpects() throws Exception {
        server.answer(FakeLlmServer.json(200, reply("Hello.", model(), 12, 3)));
        ChatRequest sent = request(false);
        await(send(sent, Duration.ofSeconds(10)));
        Recorded recorded = server.take();
        assertThat(recorded.method()).isEqualTo("POST");
        assertThat(recorded.header("content-type")).startsWith("application/json");
        assertRequest(recorded, sent);
    }

    @Test
    void aReplyCarriesTextTokensCostAndTheModelThatAnswered() throws Exception {
        String answering = model() + "-2026-01-01";
        server.answer(FakeLlmServer.json(200, reply("Hello, debate.", answering, 1200, 340)));
        ChatReply reply = await(send(request(false), Duration.ofSeconds(10)));
        assertThat(reply.text()).isEqualTo("Hello, debate.");
        assertThat(reply.inputTokens()).isEqualTo(1200);
        assertThat(reply.outputTokens()).isEqualTo(340);
        assertThat(reply.model()).isEqualTo(answering);
        assertThat(reply.costUsd()).isCloseTo(expectedCost(1200, 340), within(1e-9));
    }

    @Test
    void aStreamedReplyDeliversItsTokensInOrderAndItsUsage() throws Exception {
        List<String> events = stream(List.of("Hel", "lo, ", "debate."), model(), 20, 7);
        assumeThat(events).as("the provider streams").isNotNull();
        server.answer(FakeLlmServer.events(events));
        ChatRequest sent = request(true);
        ChatReply reply = await(send(sent, Duration.ofSeconds(10)));
        assertThat(tokens).containsExactly("Hel", "lo, ", "debate.");
        assertThat(reply.text()).isEqualTo("Hello, debate.");
        assertThat(reply.inputTokens()).isEqualTo(20);
        assertThat(reply.outputTokens()).isEqualTo(7);
        assertRequest(server.take(), sent);
    }

    @Test
    void aStreamRequestAnsweredWithOneJsonBodyIsReadAsSuch() throws Exception {
        server.answer(FakeLlmServer.json(200, reply("Whole answer.", model(), 5, 2)));
        ChatReply reply = await(send(request(true), Duration.ofSeconds(10)));
        assertThat(reply.text()).isEqualTo("Whole answer.");
        assertThat(reply.outputTokens()).isEqualTo(2);
    }

    @Test
    void aFailingTokenListenerDoesNotLoseTheAnswer() throws Exception {
        List<String> events = stream(List.of("Hel", "lo"), model(), 3, 2);
        assumeThat(events).as("the provider streams").isNotNull();
        server.answer(FakeLlmServer.events(events));
        ChatReply reply = await(chat(server.base(), KEY).send(request(true), Instant.now().plusSeconds(10), token -> {
            throw new IllegalStateException("listener bug");
        }));
        assertThat(reply.text()).isEqualTo("Hello");
    }

    @Test
    void unauthorizedIsAnAuthenticationFailureThatNeverShowsTheKey() throws Exception {
        server.answer(FakeLlmServer.json(401, error(401, "Incorrect API key provided: " + KEY)));
        AgentException failure = failure(send(request(false), Duration.ofSeconds(10)));
        assertThat(failure.kind()).isEqualTo(Kind.AUTHENTICATION);
        assertThat(failure.getMessage()).contains("401");
    }

    @Test
    void rateLimitingCarriesRetryAfter() throws Exception {
        server.answer(FakeLlmServer.json(429, error(429, "Rate limit reached"), Map.of("Retry-After", "7")));
        AgentException failure = failure(send(request(false), Duration.ofSeconds(10)));
        assertThat(failure.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void anExhaustedQuotaIsAQuotaFailure() throws Exception {
        server.answer(quotaExhausted());
        assertThat(failure(send(request(false), Duration.ofSeconds(10))).kind()).isEqualTo(Kind.QUOTA);
    }

    @Test
    void serverErrorsAreUnavailable() throws Exception {
        server.answer(FakeLlmServer.json(500, error(500, "Internal server error")));
        AgentException failure = failure(send(request(false), Duration.ofSeconds(10)));
        assertThat(failure.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(failure.getMessage()).contains("500");
    }

    @Test
    void aBadRequestIsABadRequest() throws Exception {
        server.answer(FakeLlmServer.json(400, error(400, "max_tokens: must be positive")));
        assertThat(failure(send(request(false), Duration.ofSeconds(10))).kind()).isEqualTo(Kind.BAD_REQUEST);
    }

    @Test
    void malformedJsonIsUnparseable() throws Exception {
        server.answer(FakeLlmServer.json(200, "{\"id\": \"x\", \"content\": [ {\"text\": "));
        assertThat(failure(send(request(false), Duration.ofSeconds(10))).kind()).isEqualTo(Kind.UNPARSEABLE);
    }

    @Test
    void aRefusalIsRecordedAsRefused() throws Exception {
        server.answer(refusal());
        assertThat(failure(send(request(false), Duration.ofSeconds(10))).kind()).isEqualTo(Kind.REFUSED);
    }

    @Test
    void aSilentProviderTimesOutAtTheDeadline() throws Exception {
        server.answer(server.silent());
        AgentException failure = failure(send(request(false), Duration.ofMillis(300)));
        assertThat(failure.kind()).isEqualTo(Kind.TIMEOUT);
    }

    @Test
    void aStreamThatStallsTimesOutAtTheDeadline() throws Exception {
        List<String> events = stream(List.of("Hel", "lo"), model(), 1, 1);
        assumeThat(events).as("the provider streams").isNotNull();
        server.answer(server.stalledStream(events.get(0)));
        AgentException failure = failure(send(request(true), Duration.ofMillis(500)));
        assertThat(failure.kind()).isEqualTo(Kind.TIMEOUT);
    }

    @Test
    void aDroppedConnectionIsUnavailable() throws Exception {
        server.answer(FakeLlmServer.dropped());
        assertThat(failure(send(request(false), Duration.ofSeconds(10))).kind()).isEqualTo(Kind.UNAVAILABLE);
    }

    @Test
    void anUnreachableProviderIsUnavailable() throws Exception {
        URI closed = server.base();
        server.close();
        CompletionStage<ChatReply> stage = chat(closed, KEY).send(request(false), Instant.now().plusSeconds(5), tokens::add);
        assertThat(failure(stage).kind()).isEqualTo(Kind.UNAVAILABLE);
    }
}
