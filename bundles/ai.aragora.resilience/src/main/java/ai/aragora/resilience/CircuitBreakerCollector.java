package ai.aragora.resilience;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import ai.aragora.api.resilience.BreakerSnapshot;
import ai.aragora.api.resilience.Resilience;
import io.prometheus.client.Collector;
import io.prometheus.client.GaugeMetricFamily;

/** {@code aragora_circuit_breaker_state{agent}}: 0 closed, 1 half-open, 2 open, read at scrape time. */
@Component(service = Collector.class)
public class CircuitBreakerCollector extends Collector {

    private final Resilience resilience;

    @Activate
    public CircuitBreakerCollector(@Reference Resilience resilience) {
        this.resilience = resilience;
    }

    @Override
    public List<MetricFamilySamples> collect() {
        GaugeMetricFamily state = new GaugeMetricFamily("aragora_circuit_breaker_state",
                "Circuit breaker state per agent (0 closed, 1 half-open, 2 open)", List.of("agent"));
        for (BreakerSnapshot breaker : resilience.breakers(Resilience.AGENTS)) {
            state.addMetric(List.of(breaker.name()), breaker.state().gauge());
        }
        return List.of(state);
    }
}
