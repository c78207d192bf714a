package ai.aragora.webhooks.delivery;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.aragora.api.resilience.CircuitBreaker;
import ai.aragora.api.webhook.Destination;
import ai.aragora.api.webhook.OutboundPolicy;
import ai.aragora.api.webhook.RefusedDestinationException;
import ai.aragora.api.webhook.SinkRequest;
import ai.aragora.api.webhook.WebhookSink;
import ai.aragora.webhooks.outbox.Delivery;
import ai.aragora.webhooks.outbox.DeliveryState;
import ai.aragora.webhooks.outbox.DeliveryStore.Outcome;
import ai.aragora.webhooks.outbox.DeliveryStore;
import ai.aragora.webhooks.outbox.FanOut;
import ai.aragora.webhooks.outbox.RetrySchedule;
import ai.aragora.webhooks.outbox.Subscription;
import ai.aragora.webhooks.outbox.SubscriptionStore;

/**
 * Moves deliveries through their states. A pass fans out new events, claims what is due and may
 * go now (its sink bundle is there, its endpoint has a free slot and a closed breaker), and hands
 * each to its sink without waiting: outcomes are written when the sink's stage completes. A
 * delivery that cannot go now stays where it is, so nothing is dropped; one claimed by a sender
 * that died is due again when its lease ends.
 */
public final class Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final int BATCH = 500;
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(30);

    /** How much may be in flight: per endpoint (host) and in all. */
    public record Limits(int perEndpoint, int total, Duration timeout) {
    }

    /** What the dispatcher needs from outside: sinks by kind, breakers by endpoint, secrets to sign with. */
    public interface Environment {
        Optional<WebhookSink> sink(String kind);

        CircuitBreaker breaker(String endpoint);

        List<String> secrets(Subscription s, Instant now);

        /** Signs callbacks (deliveries without a subscription). */
        List<String> callbackSecrets();
    }

    private final DeliveryStore deliveries;
    private final SubscriptionStore subscriptions;
    private final FanOut fanOut;
    private final Environment env;
    private final OutboundPolicy policy;
    private final RetrySchedule schedule;
    private final Limits limits;
    private final Clock clock;
    private final DoubleSupplier random;
    private final WebhookMetrics metrics;
    private final Runnable wake;
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final Set<String> claiming = ConcurrentHashMap.newKeySet();
    /** The subscriptions seen going to each endpoint, to leave out those of a busy one. */
    private final Map<String, Set<String>> subscriptionsOf = new ConcurrentHashMap<>();

    public Dispatcher(DeliveryStore deliveries, SubscriptionStore subscriptions, FanOut fanOut, Environment env,
            OutboundPolicy policy, RetrySchedule schedule, Limits limits, Clock clock, DoubleSupplier random,
            WebhookMetrics metrics, Runnable wake) {
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.fanOut = fanOut;
        this.env = env;
        this.policy = policy;
        this.schedule = schedule;
        this.limits = limits;
        this.clock = clock;
        this.random = random;
        this.metrics = metrics;
        this.wake = wake;
    }

    /** One pass; returns the deliveries it claims (and sends once the claim is written). */
    public int pass() {
        Instant now = clock.instant();
        while (fanOut.run(now, BATCH) > 0) {
            now = clock.instant();
        }
        int free = limits.total() - total.get();
        if (free <= 0) {
            return 0;
        }
        // Deliveries to endpoints with no free slot are left out of the read: a backlog to one slow
        // endpoint never stands in front of the others.
        List<Delivery> due = deliveries.due(now, Math.min(BATCH, free), saturatedSubscriptions());
        Map<String, Subscription> subs = subscriptions.byIds(due.stream().map(Delivery::subscriptionId)
                .filter(id -> id != null).collect(java.util.stream.Collectors.toSet()));
        List<Ready> ready = new ArrayList<>();
        Set<String> closedEndpoints = new HashSet<>();
        for (Delivery d : due) {
            if (ready.size() >= free) {
                break;
            }
            if (claiming.contains(d.id())) {
                continue;
            }
            Subscription sub = d.subscriptionId() == null ? null : subs.get(d.subscriptionId());
            if (d.subscriptionId() != null && sub == null) {
                continue;
            }
            String sinkKind = sub == null ? d.sink() : sub.sink();
            Optional<WebhookSink> sink = env.sink(sinkKind);
            if (sink.isEmpty()) {
                continue;
            }
            String url = sub == null ? d.url() : sub.url();
            String endpoint = endpoint(url);
            if (sub != null) {
                subscriptionsOf.computeIfAbsent(endpoint, e -> ConcurrentHashMap.newKeySet()).add(sub.id());
            }
            if (inFlight(endpoint).get() >= limits.perEndpoint() || closedEndpoints.contains(endpoint)) {
                continue;
            }
            CircuitBreaker breaker = env.breaker(endpoint);
            if (!breaker.tryAcquire()) {
                closedEndpoints.add(endpoint);
                continue;
            }
            // The slot is taken from here on, while the claim is written.
            inFlight(endpoint).incrementAndGet();
            total.incrementAndGet();
            claiming.add(d.id());
            ready.add(new Ready(d, sub, sink.get(), url, endpoint, breaker));
        }
        if (ready.isEmpty()) {
            return 0;
        }
        // Claims are written without holding up the pass: the next one can plan while this one commits.
        Instant claimedAt = now;
        deliveries.claim(ready.stream().map(Ready::delivery).toList(), now, now.plus(limits.timeout()).plus(LEASE_MARGIN))
                .whenComplete((claimed, thrown) -> {
                    for (Ready r : ready) {
                        claiming.remove(r.delivery().id());
                        if (thrown == null && claimed.contains(r.delivery().id())) {
                            send(r, claimedAt);
                        } else {
                            r.breaker().onFailure(false);
                            inFlight(r.endpoint()).decrementAndGet();
                            total.decrementAndGet();
                        }
                    }
                    if (thrown != null) {
                        LOG.warn("could not claim {} deliveries: {}", ready.size(), thrown.toString());
                    }
                });
        return ready.size();
    }

    private Set<String> saturatedSubscriptions() {
        Set<String> out = new HashSet<>();
        subscriptionsOf.forEach((endpoint, ids) -> {
            if (inFlight(endpoint).get() >= limits.perEndpoint()) {
                out.addAll(ids);
            }
        });
        return out;
    }

    /** When the next delivery becomes due, if one waits. */
    public Optional<Instant> nextDue() {
        return deliveries.nextDue();
    }

    /** Deliveries claimed or handed to sinks, their outcome not written yet. */
    public int inFlight() {
        return total.get();
    }

    private record Ready(Delivery delivery, Subscription subscription, WebhookSink sink, String url, String endpoint,
            CircuitBreaker breaker) {
    }

    private void send(Ready r, Instant claimedAt) {
        Delivery d = r.delivery();
        long started = System.nanoTime();
        CompletableFuture<AttemptResult> attempt;
        try {
            // Checked now (DNS can change) and sent to exactly the addresses that passed.
            Destination destination = policy.resolve(r.url());
            List<String> secrets = r.subscription() == null ? env.callbackSecrets() : env.secrets(r.subscription(), claimedAt);
            if (secrets.isEmpty()) {
                throw new IllegalStateException("callbacks are signed with ARAGORA_WEBHOOK_CALLBACK_SECRET, which is not set");
            }
            Map<String, String> headers = r.subscription() == null ? Map.of() : r.subscription().headers();
            SinkRequest request = new SinkRequest(d.id(), d.eventType(), d.createdAt(), destination, d.body(), secrets, headers,
                    limits.timeout());
            attempt = r.sink().send(request).toCompletableFuture()
                    .orTimeout(limits.timeout().toMillis() + 5000, TimeUnit.MILLISECONDS)
                    .thenApply(AttemptResult::answered)
                    .exceptionally(e -> AttemptResult.failed(describe(e)));
        } catch (RefusedDestinationException e) {
            attempt = CompletableFuture.completedFuture(AttemptResult.failed("refused: " + e.getMessage()));
        } catch (RuntimeException e) {
            attempt = CompletableFuture.completedFuture(AttemptResult.failed(describe(e)));
        }
        attempt.whenComplete((result, thrown) -> finish(r, result, started));
    }

    private void finish(Ready r, AttemptResult result, long started) {
        Delivery d = r.delivery();
        // The endpoint is done with it: its slot is free while the outcome is being written.
        inFlight(r.endpoint()).decrementAndGet();
        if (result.delivered()) {
            r.breaker().onSuccess();
        } else {
            r.breaker().onFailure(result.endpointFailure());
        }
        metrics.attempt(d.eventType(), result.delivered(), Duration.ofNanos(System.nanoTime() - started));
        Instant now = clock.instant();
        RetrySchedule own = r.subscription() == null ? null : r.subscription().retry();
        Outcome outcome = result.outcome(d.attempts(), now, own == null ? schedule : own, random.getAsDouble());
        deliveries.record(d.id(), outcome, now).whenComplete((ignored, thrown) -> {
            try {
                if (thrown != null) {
                    // The lease runs out and the delivery is tried again: at least once.
                    LOG.warn("could not record the outcome of delivery {}: {}", d.id(), thrown.toString());
                    return;
                }
                if (result.gone() && r.subscription() != null) {
                    subscriptions.disable(r.subscription().id(), "the endpoint answered 410 Gone", now);
                }
                if (outcome.state() == DeliveryState.RETRYING) {
                    metrics.retry(d.eventType());
                } else if (outcome.state() == DeliveryState.DEAD_LETTERED) {
                    metrics.deadLettered(d.eventType());
                }
            } finally {
                total.decrementAndGet();
                wake.run();
            }
        });
    }

    private AtomicInteger inFlight(String endpoint) {
        return inFlight.computeIfAbsent(endpoint, k -> new AtomicInteger());
    }

    /** The host a URL goes to: breakers and metrics are per host, so their number stays bounded. */
    public static String endpoint(String url) {
        try {
            String host = URI.create(url).getHost();
            return host == null ? "unknown" : host.toLowerCase(java.util.Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "unknown";
        }
    }

    private static String describe(Throwable e) {
        Throwable cause = e;
        while ((cause instanceof java.util.concurrent.CompletionException
                || cause instanceof java.util.concurrent.ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof java.util.concurrent.TimeoutException || cause instanceof java.net.http.HttpTimeoutException) {
            return "timed out";
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
