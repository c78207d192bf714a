package ai.aragora.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import ai.aragora.api.agent.Agent;
import ai.aragora.api.cache.CacheTags;
import ai.aragora.api.cache.InvalidationKind;

class DecisionCacheServiceTest {

    private final DecisionCacheService cache = new DecisionCacheService(TestConfigs.cache(100, 3600, "1"));

    @Test
    void aNewerAgentRegistrationInvalidatesEntriesOfTheOlderVersion() {
        cache.put("d1", "approve", new CacheTags("ws", null, Map.of("anthropic-api", "1.0.0"), Set.of()));
        cache.addAgent(null, Map.of(Agent.NAME, "anthropic-api", Agent.VERSION, "1.0.0"));
        assertThat(cache.get("d1", String.class)).as("the same version changes nothing").contains("approve");
        cache.addAgent(null, Map.of(Agent.NAME, "anthropic-api", Agent.VERSION, "2.0.0"));
        assertThat(cache.get("d1", String.class)).isEmpty();
        assertThat(cache.stats().invalidations()).containsEntry(InvalidationKind.AGENT_VERSION, 1L);
    }

    @Test
    void aChangedPolicyVersionInTheConfigurationIsLazy() {
        cache.put("d1", "approve", new CacheTags("ws", null, Map.of(), Set.of()));
        cache.modified(TestConfigs.cache(100, 3600, "2"));
        assertThat(cache.stats().size()).isEqualTo(1);
        assertThat(cache.get("d1", String.class)).isEmpty();
        assertThat(cache.stats().policyVersion()).isEqualTo("2");
    }
}
