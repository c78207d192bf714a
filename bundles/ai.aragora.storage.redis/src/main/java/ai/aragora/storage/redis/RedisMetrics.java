package ai.aragora.storage.redis;

import java.util.List;

import io.prometheus.client.Collector;
import io.prometheus.client.CounterMetricFamily;
import io.prometheus.client.GaugeMetricFamily;

/** The broker's counters as Prometheus reads them, at scrape time. */
final class RedisMetrics extends Collector {

    private final LinkState state;

    RedisMetrics(LinkState state) {
        this.state = state;
    }

    @Override
    public List<MetricFamilySamples> collect() {
        return List.of(
                new GaugeMetricFamily("aragora_redis_connected", "1 while the Redis subscriber connection is up", state.up() ? 1 : 0),
                new CounterMetricFamily("aragora_cluster_messages_published_total", "Cluster bus messages sent to Redis",
                        state.published.get()),
                new CounterMetricFamily("aragora_cluster_messages_dropped_total",
                        "Cluster bus messages dropped: Redis unreachable or the publish queue full", state.dropped.get()),
                new CounterMetricFamily("aragora_cluster_messages_received_total", "Cluster bus messages received from Redis",
                        state.received.get()),
                new CounterMetricFamily("aragora_redis_reconnects_total", "Times the Redis subscriber connection came back",
                        state.reconnects.get()));
    }
}
