package ai.aragora.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import io.prometheus.client.Counter;

class PrometheusRegistryTest {

    private static Counter counter(double value) {
        Counter c = Counter.build().name("aragora_upgraded_things_total").help("things").create();
        c.inc(value);
        return c;
    }

    private static String scrape(PrometheusRegistry registry) throws IOException {
        StringWriter out = new StringWriter();
        registry.write(out);
        return out.toString();
    }

    /** A bundle's new version starts before its old one stops: its metrics take over, not vanish. */
    @Test
    void aCollectorWhoseNamesAreTakenWaitsForTheHolderToLeave() throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        Counter old = counter(1);
        Counter upgraded = counter(7);
        registry.register(old);
        registry.register(upgraded);
        assertThat(scrape(registry)).contains("aragora_upgraded_things_total 1.0");

        registry.unregister(old);
        assertThat(scrape(registry)).contains("aragora_upgraded_things_total 7.0");
        registry.unregister(upgraded);
        assertThat(scrape(registry)).doesNotContain("aragora_upgraded_things_total");
    }

    @Test
    void aWaitingCollectorThatLeavesFirstIsForgotten() throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        Counter holder = counter(1);
        Counter waiting = counter(7);
        registry.register(holder);
        registry.register(waiting);
        registry.unregister(waiting);
        registry.unregister(holder);
        assertThat(scrape(registry)).doesNotContain("aragora_upgraded_things_total");
    }
}
