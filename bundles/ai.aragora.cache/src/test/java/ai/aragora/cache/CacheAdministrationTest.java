package ai.aragora.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import ai.aragora.api.cache.CacheTags;

class CacheAdministrationTest {

    private final DecisionCacheService cache = new DecisionCacheService(TestConfigs.cache(100, 3600, "1"));

    @Test
    void statsUseTheRunbookNames() {
        cache.put("a", "x", new CacheTags("ws", null, Map.of(), Set.of()));
        cache.get("a", String.class);
        assertThat(CacheAdministration.stats(cache)).containsEntry("total_entries", 1L).containsEntry("hit_rate", 1.0)
                .containsEntry("current_policy_version", "1").containsEntry("ttl_seconds", 3600L).containsKey("invalidations");
    }

    @Test
    void eachStrategyInvalidates() {
        cache.put("a", "x", new CacheTags("ws", null, Map.of("claude", "1"), Set.of("t")));
        assertThat(CacheAdministration.invalidate(cache, "agent", "claude", "1")).containsEntry("invalidated", 1);
        assertThat(CacheAdministration.invalidate(cache, "policy", null, "2")).containsEntry("current_policy_version", "2");
        assertThat(cache.stats().policyVersion()).isEqualTo("2");
        assertThat(CacheAdministration.invalidate(cache, "all", null, null)).containsEntry("invalidated", 0);
    }

    @Test
    void missingValuesAndUnknownStrategiesAreNamed() {
        assertThatThrownBy(() -> CacheAdministration.invalidate(cache, "workspace", " ", null)).hasMessage("workspace must not be empty");
        assertThatThrownBy(() -> CacheAdministration.invalidate(cache, "agent", "claude", null)).hasMessage("version must not be empty");
        assertThatThrownBy(() -> CacheAdministration.invalidate(cache, "everything", null, null)).hasMessageContaining("one of");
    }
}
