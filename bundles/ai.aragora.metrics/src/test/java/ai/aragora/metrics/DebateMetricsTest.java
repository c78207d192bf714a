package ai.aragora.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.aragora.api.event.DebateEvent;
import ai.aragora.api.event.EventType;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.exporter.common.TextFormat;

class DebateMetricsTest {

    private final DebateMetrics metrics = new DebateMetrics();

    private void event(String debate, long seq, EventType type, Map<String, Object> data) {
        metrics.onEvent(new DebateEvent(debate, seq, type, Instant.EPOCH, 0, null, data));
    }

    private String scrape() throws IOException {
        CollectorRegistry registry = new CollectorRegistry(true);
        registry.register(metrics);
        StringWriter out = new StringWriter();
        TextFormat.write004(out, registry.metricFamilySamples());
        return out.toString();
    }

    @Test
    void countsStartsOutcomesAndWhatIsRunning() throws IOException {
        event("a", 1, EventType.DEBATE_START, Map.of());
        event("b", 1, EventType.DEBATE_START, Map.of());
        event("c", 1, EventType.DEBATE_START, Map.of());
        event("a", 9, EventType.DEBATE_END, Map.of("status", "consensus_reached"));
        event("b", 9, EventType.DEBATE_END, Map.of("status", "failed"));
        event("b", 10, EventType.AGENT_MESSAGE, Map.of());

        assertThat(scrape()).contains("aragora_debates_total 3.0", "aragora_debates_completed 1.0",
                "aragora_debates_failed 1.0", "aragora_active_debates 1.0", "# TYPE aragora_debates_total counter");
    }

    /** A debate recovered after a restart ends without having started here: it never goes negative. */
    @Test
    void anEndWithoutAStartDoesNotUnderflow() throws IOException {
        event("old", 40, EventType.DEBATE_END, Map.of("status", "interrupted"));
        event("odd", 2, EventType.DEBATE_END, Collections.emptyMap());
        assertThat(scrape()).contains("aragora_debates_failed 2.0", "aragora_active_debates 0.0", "aragora_debates_total 0.0");
    }
}
