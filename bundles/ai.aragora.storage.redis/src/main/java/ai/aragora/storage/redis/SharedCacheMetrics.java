package ai.aragora.storage.redis;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

import io.prometheus.client.Collector;
import io.prometheus.client.CounterMetricFamily;
import io.prometheus.client.GaugeMetricFamily;

/** The shared cache's counters by outcome, read at scrape time. */
final class SharedCacheMetrics extends Collector {

    private final String purpose;
    private final BooleanSupplier connected;
    private final Map<String, LongAdder> lookups = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> stores = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> invalidations = new ConcurrentHashMap<>();

    SharedCacheMetrics(String purpose, BooleanSupplier connected) {
        this.purpose = purpose;
        this.connected = connected;
    }

    void lookups(String result) {
        lookups.computeIfAbsent(result, k -> new LongAdder()).increment();
    }

    void stores(String result) {
        stores.computeIfAbsent(result, k -> new LongAdder()).increment();
    }

    void invalidations(String result) {
        invalidations.computeIfAbsent(result, k -> new LongAdder()).increment();
    }

    @Override
    public List<MetricFamilySamples> collect() {
        GaugeMetricFamily up = new GaugeMetricFamily("aragora_shared_cache_connected",
                "1 while the shared cache's Redis answered its latest command", List.of("purpose"));
        up.addMetric(List.of(purpose), connected.getAsBoolean() ? 1 : 0);
        return List.of(up,
                counter("aragora_shared_cache_lookups_total", "Shared cache lookups, by result (hit, miss, unavailable)", lookups),
                counter("aragora_shared_cache_stores_total", "Values offered to the shared cache, by result (stored, dropped, too_large)",
                        stores),
                counter("aragora_shared_cache_invalidations_total",
                        "Shared cache invalidations, by result (applied, missed: everything is dropped once Redis answers again)",
                        invalidations));
    }

    private CounterMetricFamily counter(String name, String help, Map<String, LongAdder> counts) {
        CounterMetricFamily f = new CounterMetricFamily(name, help, List.of("purpose", "result"));
        counts.forEach((result, n) -> f.addMetric(List.of(purpose, result), n.sum()));
        return f;
    }
}
