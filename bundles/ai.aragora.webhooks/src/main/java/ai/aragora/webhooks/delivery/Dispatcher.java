package ai.aragora.webhooks.delivery;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
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

import ai.aragora.api.resilience.BreakerSnapshot;
import ai.aragora.api.resilience.BreakerState;
import ai.aragora.api.resilience.CircuitBreaker;
import ai.aragora.api.webhook.Destination;
import ai.aragora.api.webhook.OutboundPolicy;
import ai.aragora.api.webhook.RefusedDestinationException;
import ai.aragora.api.webhook.SinkRequest;
import ai.aragora.api.webhook.WebhookSink;
import ai.aragora.webhooks.outbox.Delivery;
import ai.aragora.webhooks.outbox.DeliveryState;
import ai.aragora.webhooks.outbox.DeliveryStore;
import ai.aragora.webhooks.outbox.DeliveryStore.Outcome;
import ai.aragora.webhooks.outbox.FanOut;
import ai.aragora.webhooks.store.RetrySchedule;
import ai.aragora.webhooks.store.Subscription;
import ai.aragora.webhooks.store.SubscriptionStore;

/**
 * Moves deliveries through their states. A pass fans out new events, claims what is due and may
 * go now (its sink bundle is there, its endpoint has room and a closed breaker), and hands each to
 * its sink without waiting: outcomes are written when the sink's stage completes. A delivery that
 * cannot go now stays where it is, so nothing is dropped; one claimed by a sender that died is due
 * again when its lease ends.
 *
 * <p>An endpoint has at most {@code perEndpoint} attempts in flight, and as many more claimed and
 * waiting for one of those slots: a claim's commit then happens while earlier attempts are still
 * under way, instead of inside every slot's cycle. A waiting claim's lease covers its wait.
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
    private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();
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

    /** An endpoint's attempts: taken (claimed or in flight) bounds the claims, sending the attempts. */
    private static final class Endpoint {
        final AtomicInteger taken = new AtomicInteger();
        /** Guarded by this, as is {@code waiting}. */
        int sending;
        final ArrayDeque<Ready> waiting = new ArrayDeque<>();
    }

    /** One pass; returns the deliveries it claims (and sends once the claim is written). */
    public int pass() {
        return pass(true);
    }

    /**
     * One pass, looking for newly announced events first only when {@code fanOut}: a pass woken by
     * an attempt's end has nothing new to fan out, and the look costs a read.
     */
    public int pass(boolean fanOut) {
        Instant now = clock.instant();
        while (fanOut && this.fanOut.run(now, BATCH) > 0) {
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
            if (env.sink(sinkKind).isEmpty()) {
                continue;
            }
            String url = sub == null ? d.url() : sub.url();
            String endpoint = endpoint(url);
            if (sub != null) {
                subscriptionsOf.computeIfAbsent(endpoint, e -> ConcurrentHashMap.newKeySet()).add(sub.id());
            }
            Endpoint e = slots(endpoint);
            if (e.taken.get() >= claimable() || closedEndpoints.contains(endpoint)) {
                continue;
            }
            CircuitBreaker breaker = env.breaker(endpoint);
            if (!breaker.tryAcquire()) {
                closedEndpoints.add(endpoint);
                continue;
            }
            // Taken from here on, while the claim is written.
            e.taken.incrementAndGet();
            total.incrementAndGet();
            claiming.add(d.id());
            ready.add(new Ready(d, sub, sinkKind, url, e, breaker));
        }
        if (ready.isEmpty()) {
            return 0;
        }
        // Claims are written without holding up the pass: the next one can plan while this one commits.
        Instant claimedAt = now;
        // A claim may wait for a slot as long as one attempt takes, then take as long itself.
        Instant leaseUntil = now.plus(limits.timeout().multipliedBy(2)).plus(LEASE_MARGIN);
        deliveries.claim(ready.stream().map(Ready::delivery).toList(), now, leaseUntil)
                .whenComplete((claimed, thrown) -> {
                    Set<Endpoint> touched = new HashSet<>();
                    for (Ready r : ready) {
                        claiming.remove(r.delivery().id());
                        if (thrown == null && claimed.contains(r.delivery().id())) {
                            synchronized (r.endpoint()) {
                                r.endpoint().waiting.add(r);
                            }
                            touched.add(r.endpoint());
                        } else {
                            r.breaker().onFailure(false);
                            r.endpoint().taken.decrementAndGet();
                            total.decrementAndGet();
                        }
                    }
                    touched.forEach(e -> drain(e, claimedAt));
                    if (thrown != null) {
                        LOG.warn("could not claim {} deliveries: {}", ready.size(), thrown.toString());
                    }
                });
        return ready.size();
    }

    /**
     * The subscriptions whose deliveries could not go now: their endpoint is full, or its breaker
     * refuses calls (open, or half-open with its trial call under way). Read, they would fill the
     * batch of due deliveries, oldest first, and keep every other endpoint's out of it.
     */
    private Set<String> saturatedSubscriptions() {
        Set<String> out = new HashSet<>();
        subscriptionsOf.forEach((endpoint, ids) -> {
            if (slots(endpoint).taken.get() >= claimable() || refusing(endpoint)) {
                out.addAll(ids);
            }
        });
        return out;
    }

    private boolean refusing(String endpoint) {
        BreakerSnapshot b = env.breaker(endpoint).snapshot();
        // A snapshot says OPEN only while the cooldown runs; after it, HALF_OPEN until a trial call answers.
        return b.state() == BreakerState.OPEN || b.state() == BreakerState.HALF_OPEN && slots(endpoint).taken.get() > 0;
    }

    /** Attempts in flight plus claims waiting for them, per endpoint. */
    private int claimable() {
        return 2 * limits.perEndpoint();
    }

    /** Sends the endpoint's waiting claims while it has free slots. */
    private void drain(Endpoint e, Instant claimedAt) {
        while (true) {
            Ready next;
            synchronized (e) {
                if (e.sending >= limits.perEndpoint() || e.waiting.isEmpty()) {
                    return;
                }
                next = e.waiting.poll();
                e.sending++;
            }
            send(next, claimedAt);
        }
    }

    /** When the next delivery becomes due, if one waits. */
    public Optional<Instant> nextDue() {
        return deliveries.nextDue();
    }

    /** Deliveries claimed or handed to sinks, their outcome not written yet. */
    public int inFlight() {
        return total.get();
    }

    private record Ready(Delivery delivery, Subscription subscription, String sinkKind, String url, Endpoint endpoint,
            CircuitBreaker breaker) {
    }

    private void send(Ready r, Instant claimedAt) {
        Delivery d = r.delivery();
        // Looked up now: a claim that waited for a slot goes through the sink running now.
        Optional<WebhookSink> sink = env.sink(r.sinkKind());
        if (sink.isEmpty()) {
            giveBack(r);
            return;
        }
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
            attempt = sink.get().send(request).toCompletableFuture()
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

    /** A claim whose sink went away while it waited: back to its state, untried, for the next sink. */
    private void giveBack(Ready r) {
        Endpoint e = r.endpoint();
        synchronized (e) {
            e.sending--;
        }
        e.taken.decrementAndGet();
        r.breaker().onFailure(false);
        deliveries.release(r.delivery().id(), r.delivery().state(), clock.instant()).whenComplete((ignored, thrown) -> {
            if (thrown != null) {
                LOG.warn("could not give back delivery {}: {}", r.delivery().id(), thrown.toString());
            }
            total.decrementAndGet();
            wake.run();
        });
    }

    private void finish(Ready r, AttemptResult result, long started) {
        Delivery d = r.delivery();
        // The endpoint is done with it: its slot is free while the outcome is being written.
        Endpoint e = r.endpoint();
        synchronized (e) {
            e.sending--;
        }
        e.taken.decrementAndGet();
        drain(e, clock.instant());
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

    private Endpoint slots(String endpoint) {
        return endpoints.computeIfAbsent(endpoint, k -> new Endpoint());
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
