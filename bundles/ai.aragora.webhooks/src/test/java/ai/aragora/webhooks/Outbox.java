package ai.aragora.webhooks;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import ai.aragora.api.resilience.CircuitBreaker;
import ai.aragora.api.webhook.OutboundPolicy;
import ai.aragora.api.webhook.WebhookSink;
import ai.aragora.storage.jdbc.Database;
import ai.aragora.storage.jdbc.StorageBackend;
import ai.aragora.storage.jdbc.Store;
import ai.aragora.storage.jdbc.sql.JdbcDatabases;
import ai.aragora.storage.sqlite.SqliteBackend;
import ai.aragora.webhooks.delivery.Dispatcher;
import ai.aragora.webhooks.delivery.WebhookMetrics;
import ai.aragora.webhooks.outbound.AllowedHosts;
import ai.aragora.webhooks.outbound.OutboundRules;
import ai.aragora.webhooks.outbox.DeliveryStore;
import ai.aragora.webhooks.outbox.FanOut;
import ai.aragora.webhooks.secret.SigningSecrets;
import ai.aragora.webhooks.store.RetrySchedule;
import ai.aragora.webhooks.store.Subscription;
import ai.aragora.webhooks.store.SubscriptionStore;
import ai.aragora.webhooks.store.jdbc.JdbcSubscriptionStore;

/**
 * The outbox on a real SQLite data dir with every migration, a dispatcher on a test clock with
 * no jitter, sinks and breakers the test controls, and the test encryption provider.
 */
class Outbox implements AutoCloseable {

    static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");
    static final RetrySchedule SCHEDULE = new RetrySchedule(Duration.ofSeconds(1), Duration.ofSeconds(300), 5, 0);
    static final OutboundPolicy LOOPBACK_ALLOWED = new OutboundRules(AllowedHosts.parse("127.0.0.1,receiver.test"), false,
            host -> new java.net.InetAddress[] {java.net.InetAddress.getByName("127.0.0.1")});

    final StorageBackend backend;
    final Database db;
    final TestClock clock = new TestClock(T0);
    final SubscriptionStore subscriptions;
    final DeliveryStore deliveries;
    final SigningSecrets secrets = new SigningSecrets(TestEncryption::new);
    final Map<String, WebhookSink> sinks = new ConcurrentHashMap<>();
    final Map<String, TestBreaker> breakers = new HashMap<>();
    final Dispatcher dispatcher;
    final WebhookMetrics metrics = new WebhookMetrics(List::of);

    Outbox(Path dir) {
        this(dir, LOOPBACK_ALLOWED, 8);
    }

    Outbox(Path dir, OutboundPolicy policy, int perEndpoint) {
        this(new SqliteBackend(new JdbcDatabases(), dir, 10_000, 2, 256, true), policy, perEndpoint);
    }

    Outbox(StorageBackend backend, OutboundPolicy policy, int perEndpoint) {
        this.backend = backend;
        db = backend.database(Store.ARAGORA);
        subscriptions = JdbcSubscriptionStore.over(db);
        deliveries = new DeliveryStore(db);
        Dispatcher.Environment env = new Dispatcher.Environment() {
            @Override
            public Optional<WebhookSink> sink(String kind) {
                return Optional.ofNullable(sinks.get(kind));
            }

            @Override
            public CircuitBreaker breaker(String endpoint) {
                synchronized (breakers) {
                    return breakers.computeIfAbsent(endpoint, e -> new TestBreaker(e, 5, Duration.ofSeconds(60), clock));
                }
            }

            @Override
            public List<String> secrets(Subscription s, Instant now) {
                return secrets.open(s, now);
            }

            @Override
            public List<String> callbackSecrets() {
                return List.of("whsec_Y2FsbGJhY2stc2VjcmV0LWZvci10ZXN0cw==");
            }
        };
        dispatcher = new Dispatcher(deliveries, subscriptions, new FanOut(db, subscriptions), env, policy, SCHEDULE,
                new Dispatcher.Limits(perEndpoint, 512, Duration.ofSeconds(30)), clock, () -> 0.0, metrics, () -> {
                });
    }

    /** A subscription of {@code org} to {@code url} with a fresh secret; events empty for all. */
    Subscription subscribe(String org, String url, String sink, List<String> events) {
        String id = "wh_" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        Instant now = clock.instant();
        Subscription s = new Subscription(id, org, url, sink, events, null, Map.of(),
                List.of(secrets.seal(id, SigningSecrets.generate(), now)), true, false, null, now, now, null);
        subscriptions.create(s);
        return s;
    }

    /** One pass, then waits until every attempt it started is recorded. */
    int pass() throws InterruptedException {
        int sent = dispatcher.pass();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (dispatcher.inFlight() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        return sent;
    }

    @Override
    public void close() {
        for (Store store : Store.values()) {
            backend.database(store).close();
        }
    }
}
