package ai.aragora.agents.llm.internal;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.aragora.agents.llm.ChatReply;
import ai.aragora.agents.llm.ChatRequest;
import ai.aragora.api.agent.AgentException;
import ai.aragora.api.agent.AgentInfo;
import ai.aragora.api.agent.Turn;
import ai.aragora.api.resilience.FallbackListener;
import ai.aragora.api.resilience.FallbackNotice;
import ai.aragora.api.resilience.Resilience;
import ai.aragora.api.resilience.RetryPolicy;

/**
 * Breaker, retries, then fallback. While a fallback provider is registered, the agent's own
 * provider gets two thirds of the remaining time so the fallback still has a chance to answer
 * before the deadline. Fallback listeners (the engine) hear of every reroute.
 */
@Component(service = AgentCalls.class)
public class AgentCallsService implements AgentCalls {

    private static final Logger LOG = LoggerFactory.getLogger(AgentCallsService.class);

    private final Resilience resilience;
    private final AgentCallMetrics metrics;
    private final Clock clock;
    private final AtomicReference<FallbackChat> fallback = new AtomicReference<>();
    private final List<FallbackListener> listeners = new CopyOnWriteArrayList<>();
    /** Made when a provider with a key first asks: a client sets up TLS (trust store, SSL classes), which a start without keys never needs. */
    private HttpClient http;

    @Activate
    public AgentCallsService(@Reference Resilience resilience, @Reference AgentCallMetrics metrics) {
        this(resilience, metrics, Clock.systemUTC());
    }

    AgentCallsService(Resilience resilience, AgentCallMetrics metrics, Clock clock) {
        this.resilience = resilience;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setFallback(FallbackChat chat) {
        fallback.set(chat);
    }

    void unsetFallback(FallbackChat chat) {
        fallback.compareAndSet(chat, null);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addListener(FallbackListener listener) {
        listeners.add(listener);
    }

    void removeListener(FallbackListener listener) {
        listeners.remove(listener);
    }

    @Override
    public synchronized HttpClient http() {
        if (http == null) {
            http = HttpChat.newClient();
        }
        return http;
    }

    @Override
    public CompletionStage<ChatReply> complete(AgentInfo agent, ChatEndpoint primary, ChatRequest request,
            String fallbackModel, Turn turn) {
        long start = System.nanoTime();
        return resilientCall(agent, primary, request, fallbackModel, turn).whenComplete((reply, failure) -> metrics.called(agent.name(),
                failure == null ? "ok" : AgentFailures.wire(AgentFailures.asAgentException(failure).kind()),
                (System.nanoTime() - start) / 1e9, reply));
    }

    private CompletionStage<ChatReply> resilientCall(AgentInfo agent, ChatEndpoint primary, ChatRequest request,
            String fallbackModel, Turn turn) {
        boolean canFallBack = usable(fallback.get(), agent, fallbackModel);
        Instant deadline = canFallBack ? shareOf(turn.deadline()) : turn.deadline();
        CompletionStage<ChatReply> own = resilience.execute(resilience.breaker(Resilience.AGENTS, agent.name()),
                resilience.retryPolicy(Resilience.AGENTS), deadline, AgentFailures::classify,
                () -> primary.send(request, deadline, turn.tokens()));
        return own.handle((reply, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(reply);
            }
            AgentException cause = AgentFailures.asAgentException(failure);
            FallbackChat chat = fallback.get();
            if (!usable(chat, agent, fallbackModel) || !AgentFailures.fallsBack(cause.kind())) {
                return CompletableFuture.<ChatReply>failedFuture(cause);
            }
            return fallBack(chat, agent, request, fallbackModel, turn, cause);
        }).thenCompose(stage -> stage);
    }

    private CompletionStage<ChatReply> fallBack(FallbackChat chat, AgentInfo agent, ChatRequest request, String model,
            Turn turn, AgentException cause) {
        String reason = AgentFailures.wire(cause.kind());
        metrics.activated(agent.name(), reason);
        notifyListeners(new FallbackNotice(turn.debateId(), turn.round(), agent.name(), request.model(), model, reason,
                chat.provider(), clock.instant()));
        long start = System.nanoTime();
        CompletionStage<ChatReply> rerouted = resilience.execute(resilience.breaker(Resilience.AGENTS, chat.provider()),
                RetryPolicy.NONE, turn.deadline(), AgentFailures::classify,
                () -> chat.send(request.withModel(model), turn.deadline(), turn.tokens()));
        return rerouted.whenComplete((reply, failure) -> metrics.finished(agent.name(), failure == null,
                (System.nanoTime() - start) / 1e9));
    }

    private void notifyListeners(FallbackNotice notice) {
        for (FallbackListener listener : listeners) {
            try {
                listener.onFallback(notice);
            } catch (RuntimeException e) {
                LOG.warn("fallback listener {} failed", listener.getClass().getName(), e);
            }
        }
    }

    private Instant shareOf(Instant deadline) {
        Duration remaining = Duration.between(clock.instant(), deadline);
        return remaining.isNegative() ? deadline : clock.instant().plus(remaining.multipliedBy(2).dividedBy(3));
    }

    /** The fallback provider never stands in for itself. */
    private static boolean usable(FallbackChat chat, AgentInfo agent, String model) {
        return chat != null && model != null && !chat.provider().equals(agent.provider());
    }
}
