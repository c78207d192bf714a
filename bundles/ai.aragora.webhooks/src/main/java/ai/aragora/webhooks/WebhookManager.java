package ai.aragora.webhooks;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.aragora.api.crypto.FieldEncryption;
import ai.aragora.api.resilience.BreakerSettings;
import ai.aragora.api.resilience.CircuitBreaker;
import ai.aragora.api.resilience.Resilience;
import ai.aragora.api.webhook.Callbacks;
import ai.aragora.api.webhook.OutboundPolicy;
import ai.aragora.api.webhook.WebhookSink;
import ai.aragora.storage.jdbc.StorageBackend;
import ai.aragora.storage.jdbc.Store;
import ai.aragora.webhooks.delivery.Dispatcher;
import ai.aragora.webhooks.delivery.WebhookMetrics;
import ai.aragora.webhooks.outbox.Delivery;
import ai.aragora.webhooks.outbox.DeliveryStore;
import ai.aragora.webhooks.outbox.FanOut;
import ai.aragora.webhooks.secret.SigningSecrets;
import ai.aragora.webhooks.store.RetrySchedule;
import ai.aragora.webhooks.store.Subscription;
import ai.aragora.webhooks.store.SubscriptionStore;

/**
 * The delivery manager: the outbox in the main store, one dispatcher thread that wakes when
 * something is recorded or comes due (or every second), sinks bound as they come and go, and
 * {@link Callbacks} for one-off deliveries to a caller's URL.
 */
@Component(service = {WebhookManager.class, Callbacks.class}, configurationPid = WebhookConfig.PID)
@Designate(ocd = WebhookConfig.class)
public class WebhookManager implements Callbacks {

    /** The breaker group of webhook endpoints. */
    public static final String BREAKERS = "webhooks";

    private static final Logger LOG = LoggerFactory.getLogger(WebhookManager.class);
    private static final long IDLE_MILLIS = 1000;

    private final Map<String, WebhookSink> sinks = new ConcurrentHashMap<>();
    private final SubscriptionStore subscriptions;
    private final DeliveryStore deliveries;
    private final SigningSecrets secrets;
    private final Dispatcher dispatcher;
    private final WebhookMetrics metrics;
    private final OutboundPolicy policy;
    private final Duration overlap;
    private final RetrySchedule schedule;
    private final String callbackSecret;
    private final Clock clock = Clock.systemUTC();
    private final AtomicBoolean woken = new AtomicBoolean();
    /** Set by whatever may have announced events (a doorbell, a new sink, the tick); not by an attempt's end. */
    private final AtomicBoolean eventsMayWait = new AtomicBoolean(true);
    private volatile long lastFanOutNanos = System.nanoTime();
    private ScheduledFuture<?> nextTick;
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "aragora-webhooks");
        t.setDaemon(true);
        return t;
    });

    private volatile FieldEncryption encryption;

    @Activate
    public WebhookManager(@Reference StorageBackend backend, @Reference SubscriptionStore subscriptions,
            @Reference Resilience resilience, @Reference OutboundPolicy policy, WebhookConfig config) {
        var db = backend.database(Store.ARAGORA);
        this.subscriptions = subscriptions;
        this.deliveries = new DeliveryStore(db);
        this.secrets = new SigningSecrets(() -> encryption);
        this.policy = policy;
        this.overlap = Duration.ofHours(config.secret_overlap_hours());
        this.callbackSecret = config._callback_secret();
        BreakerSettings breakerSettings = new BreakerSettings(config.breaker_threshold(),
                Duration.ofSeconds(config.breaker_cooldown_seconds()));
        this.metrics = new WebhookMetrics(() -> resilience.breakers(BREAKERS));
        this.schedule = new RetrySchedule(Duration.ofMillis(config.base_delay_millis()),
                Duration.ofSeconds(config.max_delay_seconds()), config.max_retries(), config.jitter());
        Dispatcher.Environment env = new Dispatcher.Environment() {
            @Override
            public Optional<WebhookSink> sink(String kind) {
                return Optional.ofNullable(sinks.get(kind));
            }

            @Override
            public CircuitBreaker breaker(String endpoint) {
                return resilience.breaker(BREAKERS, endpoint, breakerSettings);
            }

            @Override
            public List<String> secrets(Subscription s, Instant now) {
                return secrets.open(s, now);
            }

            @Override
            public List<String> callbackSecrets() {
                return callbackSecret.isEmpty() ? List.of() : List.of(callbackSecret);
            }
        };
        this.dispatcher = new Dispatcher(deliveries, subscriptions, new FanOut(db, subscriptions), env, policy, schedule,
                new Dispatcher.Limits(config.per_endpoint_concurrency(), config.max_in_flight(),
                        Duration.ofSeconds(config.timeout_seconds())),
                clock, () -> ThreadLocalRandom.current().nextDouble(), metrics, this::wakeAfterAttempt);
        loop.execute(this::run);
    }

    /** The highest-ranked provider seals new secrets; without one, none are stored. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setEncryption(FieldEncryption provider) {
        encryption = provider;
    }

    void unsetEncryption(FieldEncryption provider) {
        if (encryption == provider) {
            encryption = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addSink(WebhookSink sink, Map<String, Object> properties) {
        Object kind = properties.get(WebhookSink.KIND);
        if (kind instanceof String k && !k.isBlank()) {
            sinks.put(k, sink);
            wake();
        } else {
            LOG.warn("a webhook sink without the {} property is ignored", WebhookSink.KIND);
        }
    }

    void removeSink(WebhookSink sink, Map<String, Object> properties) {
        Object kind = properties.get(WebhookSink.KIND);
        if (kind instanceof String k) {
            sinks.remove(k, sink);
        }
    }

    @Deactivate
    void stop() throws InterruptedException {
        loop.shutdownNow();
        loop.awaitTermination(5, TimeUnit.SECONDS);
    }

    public SubscriptionStore subscriptions() {
        return subscriptions;
    }

    public DeliveryStore deliveries() {
        return deliveries;
    }

    public SigningSecrets secrets() {
        return secrets;
    }

    public WebhookMetrics metrics() {
        return metrics;
    }

    public Duration secretOverlap() {
        return overlap;
    }

    public Instant now() {
        return clock.instant();
    }

    /** The server's retry schedule, which a subscription may replace with its own. */
    public RetrySchedule retrySchedule() {
        return schedule;
    }

    /** The sink kinds whose bundles run now. */
    public Set<String> sinkKinds() {
        return Set.copyOf(sinks.keySet());
    }

    /** Whether a sink bundle for this kind runs now. */
    public boolean hasSink(String kind) {
        return sinks.containsKey(kind);
    }

    /** Records deliveries in one commit and wakes the dispatcher. */
    public void enqueue(List<Delivery> recorded) {
        deliveries.insert(recorded);
        wake();
    }

    @Override
    public CompletionStage<String> enqueue(String orgId, URI url, String eventType, Map<String, Object> data) {
        try {
            policy.check(url.toString());
            if (callbackSecret.isEmpty()) {
                throw new IllegalStateException("callbacks are signed with ARAGORA_WEBHOOK_CALLBACK_SECRET, which is not set");
            }
            Instant now = clock.instant();
            Delivery d = Delivery.pending(null, orgId, url.toString(), FanOut.CALLBACK_SINK, eventType, now, data, now);
            enqueue(List.of(d));
            return CompletableFuture.completedFuture(d.id());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Whether callbacks can be signed (a callback secret is configured). */
    public boolean callbacksSigned() {
        return !callbackSecret.isEmpty();
    }

    /** Runs a pass soon, looking for newly announced events first. */
    public void wake() {
        eventsMayWait.set(true);
        wakeAfterAttempt();
    }

    /** Runs a pass soon: an attempt ended, so its endpoint has room again. */
    private void wakeAfterAttempt() {
        if (woken.compareAndSet(false, true)) {
            try {
                loop.execute(this::run);
            } catch (RejectedExecutionException stopped) {
                woken.set(false);
            }
        }
    }

    private void run() {
        woken.set(false);
        long delay = IDLE_MILLIS;
        try {
            // Events another instance stored ring no doorbell here: looked for at least every second.
            long sinceFanOut = System.nanoTime() - lastFanOutNanos;
            boolean fanOut = eventsMayWait.getAndSet(false) || sinceFanOut >= TimeUnit.MILLISECONDS.toNanos(IDLE_MILLIS);
            if (fanOut) {
                lastFanOutNanos = System.nanoTime();
            }
            dispatcher.pass(fanOut);
            // While attempts are under way, each one's end wakes the next pass: no need to look ahead.
            Optional<Instant> next = dispatcher.inFlight() > 0 ? Optional.empty() : dispatcher.nextDue();
            if (next.isPresent()) {
                long until = Duration.between(clock.instant(), next.get()).toMillis();
                // Due already but held back (breaker, endpoint slots, no sink): a completion or a second wakes it.
                delay = until > 0 ? Math.min(IDLE_MILLIS, until) : IDLE_MILLIS;
            }
        } catch (RuntimeException e) {
            LOG.warn("webhook dispatch pass failed: {}", e.toString());
        }
        ScheduledFuture<?> previous = nextTick;
        if (previous != null) {
            previous.cancel(false);
        }
        if (!loop.isShutdown()) {
            nextTick = loop.schedule(this::wake, delay, TimeUnit.MILLISECONDS);
        }
    }
}
