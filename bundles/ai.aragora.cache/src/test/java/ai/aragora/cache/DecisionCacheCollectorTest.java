package ai.aragora.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import ai.aragora.api.cache.CacheTags;
import io.prometheus.client.Collector.MetricFamilySamples;

class DecisionCacheCollectorTest {

    private final DecisionCacheService cache = new DecisionCacheService(TestConfigs.cache(100, 3600, "1"));

    private double sample(List<MetricFamilySamples> families, String name, List<String> labels) {
        return families.stream().flatMap(f -> f.samples.stream())
                .filter(s -> s.name.equals(name) && s.labelValues.equals(labels)).findFirst().orElseThrow().value;
    }

    @Test
    void theRunbookMetricsFollowTheCache() {
        cache.put("a", "x", new CacheTags("ws", null, Map.of(), Set.of()));
        cache.put("b", "y", new CacheTags("ws", null, Map.of(), Set.of("t")));
        cache.get("a", String.class);
        cache.get("missing", String.class);
        cache.invalidateTag("t");
        List<MetricFamilySamples> families = new DecisionCacheCollector(cache).collect();
        assertThat(sample(families, "aragora_decision_cache_hits_total", List.of())).isEqualTo(1);
        assertThat(sample(families, "aragora_decision_cache_misses_total", List.of())).isEqualTo(1);
        assertThat(sample(families, "aragora_decision_cache_size", List.of())).isEqualTo(1);
        assertThat(sample(families, "aragora_decision_cache_invalidations_total", List.of("tag"))).isEqualTo(1);
        assertThat(sample(families, "aragora_decision_cache_invalidations_total", List.of("workspace"))).isZero();
    }
}
