package ai.aragora.api.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class BreakerSnapshotTest {

    @Test
    void theWireShapeRoundsTheRemainingCooldownUp() {
        BreakerSnapshot open = new BreakerSnapshot("agents", "grok", BreakerState.OPEN, 5, 5, Duration.ofSeconds(60), Duration.ofMillis(41_200));

        assertThat(open.wire()).containsExactly(Map.entry("status", "open"), Map.entry("failures", 5), Map.entry("failure_threshold", 5),
                Map.entry("cooldown_seconds", 60L), Map.entry("cooldown_remaining", 42.0));
        assertThat(new BreakerSnapshot("agents", "grok", BreakerState.HALF_OPEN, 5, 5, Duration.ofSeconds(60), Duration.ofMillis(-1))
                .wire()).containsEntry("status", "half-open").containsEntry("cooldown_remaining", 0.0);
    }
}
