package ai.aragora.knowledge;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import io.prometheus.client.Collector;
import io.prometheus.client.Counter;
import io.prometheus.client.Histogram;

/** The runbook's Knowledge Mound metrics, contributed to the server's registry as collector services. */
@Component(service = MoundMetrics.class)
public class MoundMetrics {

    final Counter operations = Counter.build().name("aragora_km_operations_total")
            .help("Knowledge Mound operations, by operation and status").labelNames("operation", "status").create();
    final Histogram latency = Histogram.build().name("aragora_km_operation_latency_seconds")
            .help("Knowledge Mound operation latency, by operation").labelNames("operation")
            .buckets(0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 1).create();
    final Counter syncs = Counter.build().name("aragora_km_adapter_syncs_total")
            .help("Finished debates an adapter learned from, by adapter and status").labelNames("adapter", "status").create();
    final Histogram forwardLatency = Histogram.build().name("aragora_km_forward_sync_latency_seconds")
            .help("Time to learn from one finished debate, by adapter").labelNames("adapter").create();
    final Histogram reverseLatency = Histogram.build().name("aragora_km_reverse_query_latency_seconds")
            .help("Time to answer one adapter's reverse query, by adapter").labelNames("adapter").create();
    final Counter semantic = Counter.build().name("aragora_km_semantic_search_total")
            .help("Searches that used embeddings").create();
    final Counter reuse = Counter.build().name("aragora_km_cross_debate_reuse_total")
            .help("Debates given knowledge from earlier debates").create();
    final Counter cacheHits = Counter.build().name("aragora_km_cache_hits_total")
            .help("Searches answered from the search cache").create();
    final Counter cacheMisses = Counter.build().name("aragora_km_cache_misses_total")
            .help("Searches the search cache did not hold, answered from the store").create();

    private final ServiceRegistration<?>[] registrations;

    /** Outside the framework (tests, commands): registered nowhere. */
    static MoundMetrics unregistered() {
        return new MoundMetrics();
    }

    /** Private: DS would otherwise consider it when choosing the activation constructor. */
    private MoundMetrics() {
        registrations = new ServiceRegistration<?>[0];
    }

    @Activate
    public MoundMetrics(BundleContext context) {
        Collector[] all = {operations, latency, syncs, forwardLatency, reverseLatency, semantic, reuse, cacheHits, cacheMisses};
        registrations = new ServiceRegistration<?>[all.length];
        for (int i = 0; i < all.length; i++) {
            registrations[i] = context.registerService(Collector.class, all[i], null);
        }
    }

    /** Counts the operation and observes its latency since {@code startNanos}. */
    void observe(String operation, boolean ok, long startNanos) {
        operations.labels(operation, ok ? "success" : "error").inc();
        latency.labels(operation).observe((System.nanoTime() - startNanos) / 1e9);
    }

    @Deactivate
    void deactivate() {
        for (ServiceRegistration<?> r : registrations) {
            r.unregister();
        }
    }
}
