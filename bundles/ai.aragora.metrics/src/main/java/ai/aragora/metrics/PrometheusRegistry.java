package ai.aragora.metrics;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import io.prometheus.client.Collector;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.GaugeMetricFamily;
import io.prometheus.client.exporter.common.TextFormat;
import io.prometheus.client.hotspot.BufferPoolsExports;
import io.prometheus.client.hotspot.ClassLoadingExports;
import io.prometheus.client.hotspot.GarbageCollectorExports;
import io.prometheus.client.hotspot.MemoryPoolsExports;
import io.prometheus.client.hotspot.StandardExports;
import io.prometheus.client.hotspot.ThreadExports;
import io.prometheus.client.hotspot.VersionInfoExports;

/**
 * The server's one metrics registry. Bundles contribute by registering their
 * {@link Collector}s as services (a whiteboard), so a bundle's metrics leave with it; nothing
 * uses the library's static default registry.
 */
@Component(service = PrometheusRegistry.class, immediate = true)
public class PrometheusRegistry {

    private final CollectorRegistry registry = new CollectorRegistry(true);
    /**
     * Collectors whose names another one holds: while a new version of a bundle starts beside the
     * old one, both offer the same metrics, and the newcomer's take over when the old one leaves.
     */
    private final List<Collector> waiting = new ArrayList<>();

    @Activate
    public PrometheusRegistry() {
        new StandardExports().register(registry);
        new MemoryPoolsExports().register(registry);
        new BufferPoolsExports().register(registry);
        new GarbageCollectorExports().register(registry);
        new ThreadExports().register(registry);
        new ClassLoadingExports().register(registry);
        new VersionInfoExports().register(registry);
        // process_cpu_seconds_total counts every core: the CPU alert divides by this.
        new Collector() {
            @Override
            public List<MetricFamilySamples> collect() {
                return List.of(new GaugeMetricFamily("aragora_available_processors", "Processors the JVM may use",
                        Runtime.getRuntime().availableProcessors()));
            }
        }.register(registry);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addCollector(Collector collector) {
        register(collector);
    }

    void removeCollector(Collector collector) {
        unregister(collector);
    }

    synchronized void register(Collector collector) {
        try {
            registry.register(collector);
        } catch (IllegalArgumentException clash) {
            waiting.add(collector);
        }
    }

    synchronized void unregister(Collector collector) {
        if (waiting.remove(collector)) {
            return;
        }
        try {
            registry.unregister(collector);
        } catch (IllegalArgumentException | NullPointerException notRegistered) {
            return;
        }
        for (Iterator<Collector> it = waiting.iterator(); it.hasNext();) {
            Collector next = it.next();
            try {
                registry.register(next);
                it.remove();
            } catch (IllegalArgumentException stillClashing) {
                // waits for the holder of its names to leave
            }
        }
    }

    void write(Writer writer) throws IOException {
        TextFormat.write004(writer, registry.metricFamilySamples());
    }
}
