package ai.aragora.rest.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;

import jakarta.ws.rs.NotFoundException;

import org.junit.jupiter.api.Test;

import ai.aragora.api.knowledge.Tier;
import ai.aragora.api.knowledge.Upkeep;

class DecayHealthResourceTest {

    private static final Upkeep.Settings SETTINGS = new Upkeep.Settings(
            Map.of(Tier.FAST, 7, Tier.MEDIUM, 30, Tier.SLOW, 180, Tier.GLACIAL, 365), 30, 180, 0.1);
    private static final Instant AT = Instant.parse("2026-12-06T10:00:00Z");

    @Test
    void theLatestPassAndItsSettingsForHealthReadersTheStatusForEveryone() {
        Upkeep upkeep = new Upkeep(AT, AT.plusSeconds(3600), 3, 0, new Upkeep.Pass(2, 5, 1, null), SETTINGS);
        DecayHealthResource resource = new DecayHealthResource(() -> upkeep);

        Map<String, Object> detailed = resource.decay(KnowledgeResourceTest.WRITER);
        assertThat(detailed).containsEntry("status", "healthy").containsEntry("last_run", "2026-12-06T10:00:00Z")
                .containsEntry("next_run", "2026-12-06T11:00:00Z").containsEntry("runs", 3L).containsEntry("failures", 0L)
                .containsKeys("timestamp", "response_time_ms");
        assertThat(map(detailed.get("last_pass"))).containsOnlyKeys("cooled", "decayed", "expired", "error")
                .containsEntry("cooled", 2).containsEntry("decayed", 5).containsEntry("expired", 1).containsEntry("error", null);
        assertThat(detailed.get("settings")).isEqualTo(Map.of("retention_days", Map.of("fast", 7, "medium", 30, "slow", 180,
                "glacial", 365), "decay_after_days", 30, "decay_half_life_days", 180, "decay_floor", 0.1));

        assertThat(resource.decay(KnowledgeResourceTest.READER)).containsOnlyKeys("status", "timestamp", "response_time_ms");
        assertThat(resource.decay(null)).containsEntry("status", "healthy").doesNotContainKey("last_pass");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @Test
    void aFailedPassIsDegradedAndWithoutTheMoundTheRouteIsAJson404NamingTheFeature() {
        Upkeep failed = new Upkeep(AT, AT.plusSeconds(3600), 1, 1, new Upkeep.Pass(0, 0, 0, "database is locked"), SETTINGS);
        Map<String, Object> view = new DecayHealthResource(() -> failed).decay(KnowledgeResourceTest.WRITER);
        assertThat(view).containsEntry("status", "degraded");
        assertThat(map(view.get("last_pass"))).containsEntry("error", "database is locked");

        assertThatThrownBy(() -> new DecayHealthResource(null).decay(null)).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("feature knowledge");
    }
}
