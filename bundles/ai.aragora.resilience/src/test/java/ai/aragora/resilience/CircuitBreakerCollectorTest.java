package ai.aragora.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import ai.aragora.api.resilience.BreakerSettings;
import ai.aragora.api.resilience.CircuitBreaker;
import ai.aragora.api.resilience.Resilience;
import ai.aragora.api.resilience.RetryPolicy;
import io.prometheus.client.Collector.MetricFamilySamples;

class CircuitBreakerCollectorTest {

    @Test
    void theGaugeSaysZeroClosedTwoOpenForAgentsOnly() {
        FakeTime time = new FakeTime();
        ResilienceService service = new ResilienceService(BreakerSettings.DEFAULT, RetryPolicy.DEFAULT, time, time, time::nanos, () -> 0.5);
        service.breaker(Resilience.AGENTS, "closed-agent");
        CircuitBreaker open = service.breaker(Resilience.AGENTS, "open-agent");
        for (int i = 0; i < 5; i++) {
            open.tryAcquire();
            open.onFailure(true);
        }
        service.breaker("webhooks", "https://example.com/hook");
        List<MetricFamilySamples> families = new CircuitBreakerCollector(service).collect();
        assertThat(families).singleElement().satisfies(f -> {
            assertThat(f.name).isEqualTo("aragora_circuit_breaker_state");
            assertThat(f.samples).extracting(s -> s.labelValues.get(0) + "=" + s.value)
                    .containsExactly("closed-agent=0.0", "open-agent=2.0");
        });
    }
}
