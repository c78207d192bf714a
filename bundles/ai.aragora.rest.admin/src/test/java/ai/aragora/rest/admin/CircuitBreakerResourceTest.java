package ai.aragora.rest.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.aragora.api.resilience.BreakerSnapshot;
import ai.aragora.api.resilience.BreakerState;

class CircuitBreakerResourceTest {

    @Test
    void reportsEachBreakerInTheWireShapeAndSummarises() {
        Map<String, Object> body = CircuitBreakerResource.report(List.of(
                new BreakerSnapshot("agents", "anthropic-api", BreakerState.OPEN, 5, 5, Duration.ofSeconds(60), Duration.ofMillis(41_200)),
                new BreakerSnapshot("agents", "openai-api", BreakerState.CLOSED, 1, 5, Duration.ofSeconds(60), Duration.ZERO)));
        assertThat(body).containsOnlyKeys("circuit_breakers", "summary");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> breakers = (Map<String, Map<String, Object>>) body.get("circuit_breakers");
        assertThat(breakers.get("anthropic-api")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "status", "open", "failures", 5, "failure_threshold", 5, "cooldown_seconds", 60L, "cooldown_remaining", 42.0));
        assertThat(breakers.get("openai-api")).containsEntry("status", "closed").containsEntry("cooldown_remaining", 0.0);
        assertThat(body.get("summary")).isEqualTo(Map.of("total", 2, "closed", 1, "open", 1, "half_open", 0, "healthy", false));
    }

    @Test
    void withoutTheResilienceBundleThereAreNoBreakersAndTheRouteStillAnswers() {
        Map<String, Object> body = new CircuitBreakerResource().breakers();
        assertThat(body.get("circuit_breakers")).isEqualTo(Map.of());
        assertThat(body.get("summary")).isEqualTo(Map.of("total", 0, "closed", 0, "open", 0, "half_open", 0, "healthy", true));
    }
}
