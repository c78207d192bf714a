package ai.aragora.agents.llm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import ai.aragora.agents.llm.ChatReply;
import ai.aragora.agents.llm.ChatRequest;
import ai.aragora.api.agent.AgentException;
import ai.aragora.api.agent.AgentException.Kind;
import ai.aragora.api.agent.AgentInfo;
import ai.aragora.api.agent.Turn;
import ai.aragora.api.resilience.BreakerSettings;
import ai.aragora.api.resilience.BreakerSnapshot;
import ai.aragora.api.resilience.BreakerState;
import ai.aragora.api.resilience.CircuitBreaker;
import ai.aragora.api.resilience.CircuitOpenException;
import ai.aragora.api.resilience.FailureClassifier;
import ai.aragora.api.resilience.FallbackNotice;
import ai.aragora.api.resilience.Resilience;
import ai.aragora.api.resilience.RetryPolicy;

class AgentCallsServiceTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final AgentInfo CLAUDE = new AgentInfo("anthropic-api", "anthropic", "claude-sonnet-4-5", "claude", "1.0.0");
    private static final ChatRequest REQUEST = new ChatRequest("claude-sonnet-4-5", "sys", "hi", 100, 0.5, false);
    private static final Turn TURN = new Turn("debate-1", "task", "", 2, NOW.plusSeconds(90), 0, null);

    /** One attempt through a breaker the test can hold open. */
    static final class OneAttemptResilience implements Resilience {
        final Map<String, Boolean> open = new HashMap<>();

        @Override
        public CircuitBreaker breaker(String group, String name) {
            return breaker(group, name, BreakerSettings.DEFAULT);
        }

        @Override
        public CircuitBreaker breaker(String group, String name, BreakerSettings settings) {
            return new CircuitBreaker() {
                @Override
                public String group() {
                    return group;
                }

                @Override
                public String name() {
                    return name;
                }

                @Override
                public boolean tryAcquire() {
                    return !open.getOrDefault(name, false);
                }

                @Override
                public void onSuccess() {
                }

                @Override
                public void onFailure(boolean counted) {
                }

                @Override
                public BreakerSnapshot snapshot() {
                    return new BreakerSnapshot(group, name, BreakerState.CLOSED, 0, 5, Duration.ofSeconds(60), Duration.ZERO);
                }

                @Override
                public void reset() {
                }
            };
        }

        @Override
        public List<BreakerSnapshot> breakers(String group) {
            return List.of();
        }

        @Override
        public RetryPolicy retryPolicy(String group) {
            return RetryPolicy.NONE;
        }

        @Override
        public <T> CompletionStage<T> execute(CircuitBreaker breaker, RetryPolicy policy, Instant deadline,
                FailureClassifier classifier, Supplier<? extends CompletionStage<T>> attempt) {
            if (!breaker.tryAcquire()) {
                return CompletableFuture.failedFuture(new CircuitOpenException(breaker.name(), Duration.ofSeconds(42)));
            }
            return attempt.get();
        }
    }

    /** A fallback provider answering with the model it was asked for. */
    static final class RecordingFallback implements FallbackChat {
        final List<ChatRequest> requests = new ArrayList<>();
        final String provider;
        AgentException failWith;

        RecordingFallback(String provider) {
            this.provider = provider;
        }

        @Override
        public String provider() {
            return provider;
        }

        @Override
        public CompletionStage<ChatReply> send(ChatRequest request, Instant deadline, Consumer<String> tokens) {
            requests.add(request);
            if (failWith != null) {
                return CompletableFuture.failedFuture(failWith);
            }
            return CompletableFuture.completedFuture(new ChatReply("from fallback", 5, 6, 0.002, request.model()));
        }
    }

    private final OneAttemptResilience resilience = new OneAttemptResilience();
    private final AgentCallMetrics metrics = new AgentCallMetrics();
    private final AgentCallsService calls = new AgentCallsService(resilience, metrics, Clock.fixed(NOW, ZoneOffset.UTC));
    private final RecordingFallback openrouter = new RecordingFallback("openrouter");
    private final List<FallbackNotice> notices = new ArrayList<>();
    private final List<Instant> primaryDeadlines = new ArrayList<>();

    AgentCallsServiceTest() {
        calls.addListener(notices::add);
    }

    private ChatEndpoint failing(Kind kind) {
        return (request, deadline, tokens) -> {
            primaryDeadlines.add(deadline);
            return CompletableFuture.failedFuture(new AgentException(kind, "anthropic answered badly"));
        };
    }

    private static ChatReply get(CompletionStage<ChatReply> stage) throws Exception {
        return stage.toCompletableFuture().get();
    }

    private static AgentException failure(CompletionStage<ChatReply> stage) throws Exception {
        try {
            stage.toCompletableFuture().get();
        } catch (ExecutionException e) {
            return (AgentException) e.getCause();
        }
        throw new AssertionError("succeeded");
    }

    private double sample(String name, String... labels) {
        for (var family : metrics.collect()) {
            for (var s : family.samples) {
                if (s.name.equals(name) && s.labelValues.equals(List.of(labels))) {
                    return s.value;
                }
            }
        }
        return 0;
    }

    @Test
    void everyProviderSharesOneHttpClient() {
        assertThat(calls.http()).isNotNull().isSameAs(calls.http());
    }

    @Test
    void aSuccessfulCallNeverFallsBack() throws Exception {
        calls.setFallback(openrouter);
        ChatReply reply = get(calls.complete(CLAUDE, (r, d, t) -> CompletableFuture.completedFuture(
                new ChatReply("own", 1, 1, null, "claude-sonnet-4-5-20250929")), REQUEST, "anthropic/claude-sonnet-4.5", TURN));
        assertThat(reply.model()).isEqualTo("claude-sonnet-4-5-20250929");
        assertThat(openrouter.requests).isEmpty();
        assertThat(notices).isEmpty();
    }

    @Test
    void everyCallIsCountedWithItsTokensCostAndOutcome() throws Exception {
        get(calls.complete(CLAUDE, (r, d, t) -> CompletableFuture.completedFuture(
                new ChatReply("own", 100, 20, 0.5, "claude-sonnet-4-5")), REQUEST, null, TURN));
        failure(calls.complete(CLAUDE, failing(Kind.BAD_REQUEST), REQUEST, null, TURN));
        assertThat(sample("aragora_agent_calls_total", "anthropic-api", "ok")).isEqualTo(1);
        assertThat(sample("aragora_agent_calls_total", "anthropic-api", "bad_request")).isEqualTo(1);
        assertThat(sample("aragora_agent_tokens_total", "anthropic-api", "input")).isEqualTo(100);
        assertThat(sample("aragora_agent_tokens_total", "anthropic-api", "output")).isEqualTo(20);
        assertThat(sample("aragora_agent_cost_usd_total", "anthropic-api")).isEqualTo(0.5);
        assertThat(sample("aragora_agent_latency_seconds_count", "anthropic-api")).isEqualTo(2);
    }

    @Test
    void aRateLimitedCallFallsBackAndRecordsTheModelThatAnswered() throws Exception {
        calls.setFallback(openrouter);
        ChatReply reply = get(calls.complete(CLAUDE, failing(Kind.RATE_LIMITED), REQUEST, "anthropic/claude-sonnet-4.5", TURN));
        assertThat(reply.text()).isEqualTo("from fallback");
        assertThat(reply.model()).isEqualTo("anthropic/claude-sonnet-4.5");
        assertThat(openrouter.requests).singleElement().satisfies(r -> {
            assertThat(r.model()).isEqualTo("anthropic/claude-sonnet-4.5");
            assertThat(r.prompt()).isEqualTo(REQUEST.prompt());
        });
        assertThat(notices).containsExactly(new FallbackNotice("debate-1", 2, "anthropic-api", "claude-sonnet-4-5",
                "anthropic/claude-sonnet-4.5", "rate_limited", "openrouter", NOW));
        assertThat(sample("aragora_fallback_activations_total", "anthropic-api", "rate_limited")).isEqualTo(1);
        assertThat(sample("aragora_fallback_success_total", "anthropic-api")).isEqualTo(1);
        assertThat(sample("aragora_fallback_latency_seconds_count", "anthropic-api")).isEqualTo(1);
    }

    @Test
    void everyFallbackWorthyKindFallsBack() throws Exception {
        calls.setFallback(openrouter);
        for (Kind kind : List.of(Kind.AUTHENTICATION, Kind.RATE_LIMITED, Kind.UNAVAILABLE, Kind.TIMEOUT, Kind.QUOTA)) {
            assertThat(get(calls.complete(CLAUDE, failing(kind), REQUEST, "anthropic/claude-sonnet-4.5", TURN)).text())
                    .as(kind.name()).isEqualTo("from fallback");
        }
        assertThat(notices).extracting(FallbackNotice::reason)
                .containsExactly("authentication", "rate_limited", "unavailable", "timeout", "quota");
    }

    @Test
    void badRequestsAndRefusalsNeverFallBack() throws Exception {
        calls.setFallback(openrouter);
        for (Kind kind : List.of(Kind.BAD_REQUEST, Kind.REFUSED, Kind.UNPARSEABLE)) {
            assertThat(failure(calls.complete(CLAUDE, failing(kind), REQUEST, "anthropic/claude-sonnet-4.5", TURN)).kind())
                    .isEqualTo(kind);
        }
        assertThat(openrouter.requests).isEmpty();
        assertThat(notices).isEmpty();
    }

    @Test
    void anOpenCircuitFallsBackAsUnavailable() throws Exception {
        calls.setFallback(openrouter);
        resilience.open.put("anthropic-api", true);
        ChatReply reply = get(calls.complete(CLAUDE, failing(Kind.UNAVAILABLE), REQUEST, "anthropic/claude-sonnet-4.5", TURN));
        assertThat(reply.text()).isEqualTo("from fallback");
        assertThat(primaryDeadlines).as("the open breaker spared the provider").isEmpty();
        assertThat(notices).extracting(FallbackNotice::reason).containsExactly("unavailable");
    }

    @Test
    void withoutAFallbackProviderTheFailureStands() throws Exception {
        AgentException failure = failure(calls.complete(CLAUDE, failing(Kind.RATE_LIMITED), REQUEST, "anthropic/claude-sonnet-4.5", TURN));
        assertThat(failure.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(primaryDeadlines).containsExactly(TURN.deadline());
        calls.setFallback(openrouter);
        calls.unsetFallback(openrouter);
        assertThat(failure(calls.complete(CLAUDE, failing(Kind.RATE_LIMITED), REQUEST, "x/y", TURN)).kind()).isEqualTo(Kind.RATE_LIMITED);
    }

    @Test
    void anAgentWithoutAFallbackModelNeverFallsBack() throws Exception {
        calls.setFallback(openrouter);
        assertThat(failure(calls.complete(CLAUDE, failing(Kind.TIMEOUT), REQUEST, null, TURN)).kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(openrouter.requests).isEmpty();
    }

    @Test
    void theFallbackProviderNeverStandsInForItself() throws Exception {
        calls.setFallback(openrouter);
        AgentInfo own = new AgentInfo("openrouter", "openrouter", "openai/gpt-4o", "gpt", "1.0.0");
        assertThat(failure(calls.complete(own, failing(Kind.RATE_LIMITED), REQUEST, "openai/gpt-4o", TURN)).kind())
                .isEqualTo(Kind.RATE_LIMITED);
        assertThat(openrouter.requests).isEmpty();
    }

    @Test
    void theOwnProviderLeavesAThirdOfTheTimeForTheFallback() throws Exception {
        calls.setFallback(openrouter);
        get(calls.complete(CLAUDE, failing(Kind.TIMEOUT), REQUEST, "anthropic/claude-sonnet-4.5", TURN));
        assertThat(primaryDeadlines).containsExactly(NOW.plusSeconds(60));
    }

    @Test
    void aFailedFallbackReportsItsOwnFailureAndIsNotCountedAsSuccess() throws Exception {
        openrouter.failWith = new AgentException(Kind.UNAVAILABLE, "openrouter answered 502");
        calls.setFallback(openrouter);
        AgentException failure = failure(calls.complete(CLAUDE, failing(Kind.QUOTA), REQUEST, "anthropic/claude-sonnet-4.5", TURN));
        assertThat(failure.getMessage()).contains("openrouter answered 502");
        assertThat(sample("aragora_fallback_activations_total", "anthropic-api", "quota")).isEqualTo(1);
        assertThat(sample("aragora_fallback_success_total", "anthropic-api")).isZero();
        assertThat(sample("aragora_fallback_latency_seconds_count", "anthropic-api")).isEqualTo(1);
    }

    @Test
    void aFailingListenerDoesNotBreakTheCall() throws Exception {
        calls.addListener(notice -> {
            throw new IllegalStateException("listener bug");
        });
        calls.setFallback(openrouter);
        assertThat(get(calls.complete(CLAUDE, failing(Kind.UNAVAILABLE), REQUEST, "anthropic/claude-sonnet-4.5", TURN)).text())
                .isEqualTo("from fallback");
        assertThat(notices).hasSize(1);
    }
}
