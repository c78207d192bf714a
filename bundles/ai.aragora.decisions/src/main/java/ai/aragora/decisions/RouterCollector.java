package ai.aragora.decisions;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import ai.aragora.api.decision.Priority;
import io.prometheus.client.Collector;
import io.prometheus.client.CounterMetricFamily;
import io.prometheus.client.GaugeMetricFamily;

/** The router's line and its ended decisions as Prometheus reads them, taken at scrape time. */
@Component(service = Collector.class)
public class RouterCollector extends Collector {

    private final Router router;

    @Activate
    public RouterCollector(@Reference Router router) {
        this.router = router;
    }

    @Override
    public List<MetricFamilySamples> collect() {
        GaugeMetricFamily waiting = new GaugeMetricFamily("aragora_decisions_waiting",
                "Decisions waiting for an engine slot, by priority", List.of("priority"));
        for (Priority p : Priority.values()) {
            waiting.addMetric(List.of(p.wire()), router.waiting(p));
        }
        CounterMetricFamily ended = new CounterMetricFamily("aragora_decisions_total",
                "Decisions that ended, by type, status and whether the cache answered them", List.of("type", "status", "cached"));
        router.ended().forEach((labels, count) -> ended.addMetric(labels, count));
        return List.of(waiting, new GaugeMetricFamily("aragora_decisions_running", "Decisions running in the engine", router.running()),
                new GaugeMetricFamily("aragora_decisions_followed",
                        "Decisions taken over from another instance, waiting for their debate to end", router.followed()),
                ended);
    }
}
