package ai.aragora.cache;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import ai.aragora.api.cache.CacheStats;
import ai.aragora.api.cache.DecisionCache;
import ai.aragora.api.cache.InvalidationKind;
import io.prometheus.client.Collector;
import io.prometheus.client.CounterMetricFamily;
import io.prometheus.client.GaugeMetricFamily;

/** The cache's counters as Prometheus reads them, taken from its stats at scrape time. */
@Component(service = Collector.class)
public class DecisionCacheCollector extends Collector {

    private final DecisionCache cache;

    @Activate
    public DecisionCacheCollector(@Reference DecisionCache cache) {
        this.cache = cache;
    }

    @Override
    public List<MetricFamilySamples> collect() {
        CacheStats stats = cache.stats();
        CounterMetricFamily invalidations = new CounterMetricFamily("aragora_decision_cache_invalidations_total",
                "Cached decisions invalidated, by type", List.of("type"));
        for (InvalidationKind kind : InvalidationKind.values()) {
            invalidations.addMetric(List.of(kind.wire()), stats.invalidations().getOrDefault(kind, 0L));
        }
        return List.of(
                new CounterMetricFamily("aragora_decision_cache_hits_total", "Decision cache hits", stats.hits()),
                new CounterMetricFamily("aragora_decision_cache_misses_total", "Decision cache misses", stats.misses()),
                invalidations,
                new GaugeMetricFamily("aragora_decision_cache_size", "Cached decisions held now", stats.size()));
    }
}
