package ai.aragora.rest.integrations;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import ai.aragora.api.health.ComponentHealth;
import io.prometheus.client.Collector;
import io.prometheus.client.Counter;
import io.prometheus.client.Gauge;
import io.prometheus.client.Histogram;

/**
 * The runbook's integration store metrics, and its health: unhealthy after
 * {@value #UNHEALTHY_AFTER} consecutive failed operations, healthy again on the next success.
 */
final class IntegrationStoreMonitor {

    static final int UNHEALTHY_AFTER = 3;
    static final String BACKEND = "database";

    final Counter operations = Counter.build().name("aragora_integration_store_operations_total")
            .help("Integration store operations, by operation and status").labelNames("operation", "status").create();
    final Histogram latency = Histogram.build().name("aragora_integration_store_latency_seconds")
            .help("Integration store operation time").labelNames("operation")
            .buckets(0.0001, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.05, 0.25, 1).create();
    final Gauge health = Gauge.build().name("aragora_integration_store_health")
            .help("1 while the integration store answers, 0 after " + UNHEALTHY_AFTER + " consecutive failures")
            .labelNames("backend").create();
    final Gauge failures = Gauge.build().name("aragora_integration_store_consecutive_failures")
            .help("Integration store operations failed in a row").create();
    final Gauge active = Gauge.build().name("aragora_integration_store_active_integrations")
            .help("Enabled integrations across every org, as of the last count").create();
    final Gauge hitRate = Gauge.build().name("aragora_integration_store_cache_hit_rate")
            .help("Share of integration reads answered from memory since start").create();

    private final AtomicInteger consecutive = new AtomicInteger();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    IntegrationStoreMonitor() {
        health.labels(BACKEND).set(1);
    }

    List<Collector> collectors() {
        return List.of(operations, latency, health, failures, active, hitRate);
    }

    /** Runs one store operation, counted and timed; a failure counts towards unhealthy and is rethrown. */
    <T> T time(String operation, Supplier<T> work) {
        long start = System.nanoTime();
        try {
            T result = work.get();
            operations.labels(operation, "success").inc();
            consecutive.set(0);
            failures.set(0);
            health.labels(BACKEND).set(1);
            return result;
        } catch (RuntimeException e) {
            operations.labels(operation, "error").inc();
            int n = consecutive.incrementAndGet();
            failures.set(n);
            if (n >= UNHEALTHY_AFTER) {
                health.labels(BACKEND).set(0);
            }
            throw e;
        } finally {
            latency.labels(operation).observe((System.nanoTime() - start) / 1e9);
        }
    }

    void cacheHit() {
        hits.incrementAndGet();
        updateHitRate();
    }

    void cacheMiss() {
        misses.incrementAndGet();
        updateHitRate();
    }

    private void updateHitRate() {
        long h = hits.get();
        long total = h + misses.get();
        hitRate.set(total == 0 ? 0 : (double) h / total);
    }

    void countActive(LongSupplier count) {
        active.set(count.getAsLong());
    }

    ComponentHealth check() {
        int n = consecutive.get();
        if (n >= UNHEALTHY_AFTER) {
            return ComponentHealth.unavailable(n + " consecutive integration store operations failed");
        }
        return n == 0 ? ComponentHealth.healthy() : ComponentHealth.degraded(n + " recent integration store operation(s) failed");
    }
}
