package ai.aragora.webhooks.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import ai.aragora.api.resilience.BreakerSnapshot;
import io.prometheus.client.Collector;
import io.prometheus.client.Counter;
import io.prometheus.client.GaugeMetricFamily;
import io.prometheus.client.Histogram;

/**
 * The runbook's webhook metrics. Labels are bounded: event types come from the catalogue,
 * endpoints are hosts. The breaker gauge uses the breaker states' values (0 closed, 1
 * half-open, 2 open), as {@code aragora_circuit_breaker_state} does.
 */
public final class WebhookMetrics extends Collector {

    private final Counter deliveries = Counter.build("aragora_webhook_deliveries_total", "Webhook delivery attempts")
            .labelNames("status", "event_type").create();
    private final Histogram latency = Histogram.build("aragora_webhook_delivery_latency_seconds",
            "Time from sending a webhook attempt to its answer").labelNames("event_type")
            .buckets(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30).create();
    private final Counter retries = Counter.build("aragora_webhook_retries_total", "Webhook retries scheduled")
            .labelNames("event_type").create();
    private final Counter deadLettered = Counter.build("aragora_webhook_dead_lettered_total",
            "Webhook deliveries dead-lettered").labelNames("event_type").create();
    private final Supplier<List<BreakerSnapshot>> breakers;

    public WebhookMetrics(Supplier<List<BreakerSnapshot>> breakers) {
        this.breakers = breakers;
    }

    void attempt(String eventType, boolean delivered, Duration took) {
        deliveries.labels(delivered ? "success" : "failure", eventType).inc();
        latency.labels(eventType).observe(took.toNanos() / 1e9);
    }

    void retry(String eventType) {
        retries.labels(eventType).inc();
    }

    void deadLettered(String eventType) {
        deadLettered.labels(eventType).inc();
    }

    @Override
    public List<MetricFamilySamples> collect() {
        List<MetricFamilySamples> out = new ArrayList<>();
        out.addAll(deliveries.collect());
        out.addAll(latency.collect());
        out.addAll(retries.collect());
        out.addAll(deadLettered.collect());
        GaugeMetricFamily state = new GaugeMetricFamily("aragora_webhook_circuit_breaker_state",
                "Webhook endpoint circuit breaker state (0 closed, 1 half-open, 2 open)", List.of("endpoint"));
        for (BreakerSnapshot b : breakers.get()) {
            state.addMetric(List.of(b.name()), b.state().gauge());
        }
        out.add(state);
        return out;
    }
}
