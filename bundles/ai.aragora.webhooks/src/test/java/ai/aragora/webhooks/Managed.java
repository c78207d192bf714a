package ai.aragora.webhooks;

import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import ai.aragora.api.resilience.BreakerSettings;
import ai.aragora.api.resilience.BreakerSnapshot;
import ai.aragora.api.resilience.CircuitBreaker;
import ai.aragora.api.resilience.FailureClassifier;
import ai.aragora.api.resilience.Resilience;
import ai.aragora.api.resilience.RetryPolicy;
import ai.aragora.api.webhook.OutboundPolicy;
import ai.aragora.api.webhook.WebhookSink;
import ai.aragora.storage.jdbc.Store;
import ai.aragora.storage.jdbc.sql.JdbcDatabases;
import ai.aragora.storage.sqlite.SqliteBackend;
import ai.aragora.webhooks.store.jdbc.JdbcSubscriptionStore;

/** The manager as DS would run it, on a SQLite data dir, with real time and fast retries. */
final class Managed implements AutoCloseable {

    /** Attempts in flight per endpoint; the benchmark varies it: -Dper.endpoint=64. */
    static final int PER_ENDPOINT = Integer.getInteger("per.endpoint", 16);

    final SqliteBackend backend;
    final WebhookManager manager;
    final Map<String, TestBreaker> breakers = new ConcurrentHashMap<>();
    final TestClock breakerClock = new TestClock(Instant.EPOCH);

    Managed(Path dir, OutboundPolicy policy, String callbackSecret) {
        backend = new SqliteBackend(new JdbcDatabases(), dir, 10_000, 2, 256, true);
        Resilience resilience = new Resilience() {
            @Override
            public CircuitBreaker breaker(String group, String name) {
                return breaker(group, name, BreakerSettings.DEFAULT);
            }

            @Override
            public CircuitBreaker breaker(String group, String name, BreakerSettings settings) {
                return breakers.computeIfAbsent(name, n -> new TestBreaker(n, 1000, Duration.ofSeconds(60), breakerClock));
            }

            @Override
            public List<BreakerSnapshot> breakers(String group) {
                return breakers.values().stream().map(CircuitBreaker::snapshot).toList();
            }

            @Override
            public RetryPolicy retryPolicy(String group) {
                return RetryPolicy.NONE;
            }

            @Override
            public <T> CompletionStage<T> execute(CircuitBreaker breaker, RetryPolicy policy, Instant deadline,
                    FailureClassifier classifier, Supplier<? extends CompletionStage<T>> attempt) {
                throw new UnsupportedOperationException("webhooks run their own schedule");
            }
        };
        manager = new WebhookManager(backend, JdbcSubscriptionStore.over(backend.database(Store.ARAGORA)), resilience, policy,
                config(callbackSecret));
    }

    void sink(String kind, WebhookSink sink) {
        manager.addSink(sink, Map.of(WebhookSink.KIND, kind));
    }

    void unsink(String kind, WebhookSink sink) {
        manager.removeSink(sink, Map.of(WebhookSink.KIND, kind));
    }

    @Override
    public void close() throws Exception {
        manager.stop();
        for (Store store : Store.values()) {
            backend.database(store).close();
        }
    }

    static WebhookConfig config(String callbackSecret) {
        return new WebhookConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return WebhookConfig.class;
            }

            @Override
            public long base_delay_millis() {
                return 50;
            }

            @Override
            public long max_delay_seconds() {
                return 1;
            }

            @Override
            public int max_retries() {
                return 5;
            }

            @Override
            public double jitter() {
                return 0.1;
            }

            @Override
            public int timeout_seconds() {
                return 5;
            }

            @Override
            public int breaker_threshold() {
                return 5;
            }

            @Override
            public int breaker_cooldown_seconds() {
                return 60;
            }

            @Override
            public int per_endpoint_concurrency() {
                return PER_ENDPOINT;
            }

            @Override
            public int max_in_flight() {
                return 512;
            }

            @Override
            public int secret_overlap_hours() {
                return 24;
            }

            @Override
            public String allowed_hosts() {
                return "127.0.0.1";
            }

            @Override
            public boolean require_https() {
                return false;
            }

            @Override
            public String _callback_secret() {
                return callbackSecret;
            }
        };
    }
}
