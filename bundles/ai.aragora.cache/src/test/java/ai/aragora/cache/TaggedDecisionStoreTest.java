package ai.aragora.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.github.benmanes.caffeine.cache.Ticker;

import ai.aragora.api.cache.CacheStats;
import ai.aragora.api.cache.CacheTags;
import ai.aragora.api.cache.InvalidationKind;

class TaggedDecisionStoreTest {

    /** Time the test moves. */
    private long nanos;
    private final Ticker ticker = () -> nanos;
    private final TaggedDecisionStore store = new TaggedDecisionStore(100, Duration.ofSeconds(3600), "v1", ticker);

    private static CacheTags tags(String workspace, Map<String, String> agents, String... tags) {
        return new CacheTags(workspace, null, agents, Set.of(tags));
    }

    @Test
    void aStoredDecisionIsAHitAndAnUnknownKeyAMiss() {
        store.put("k", "approve", tags("ws-1", Map.of()));
        assertThat(store.get("k", String.class)).contains("approve");
        assertThat(store.get("other", String.class)).isEmpty();
        CacheStats stats = store.stats();
        assertThat(stats.hits()).isEqualTo(1);
        assertThat(stats.misses()).isEqualTo(1);
        assertThat(stats.hitRate()).isEqualTo(0.5);
        assertThat(stats.size()).isEqualTo(1);
    }

    @Test
    void aValueOfAnotherTypeIsAMiss() {
        store.put("k", 42, tags("ws-1", Map.of()));
        assertThat(store.get("k", String.class)).isEmpty();
        assertThat(store.get("k", Integer.class)).contains(42);
    }

    @Test
    void entriesExpireAfterTheTtl() {
        store.put("k", "approve", tags("ws-1", Map.of()));
        nanos += Duration.ofSeconds(3599).toNanos();
        assertThat(store.get("k", String.class)).isPresent();
        nanos += Duration.ofSeconds(1).toNanos();
        assertThat(store.get("k", String.class)).isEmpty();
    }

    @Test
    void theSizeIsBounded() {
        TaggedDecisionStore small = new TaggedDecisionStore(3, Duration.ofHours(1), "v1", ticker);
        for (int i = 0; i < 10; i++) {
            small.put("k" + i, i, tags("ws", Map.of()));
        }
        assertThat(small.stats().size()).isLessThanOrEqualTo(3);
        assertThat(small.stats().maxSize()).isEqualTo(3);
    }

    @Test
    void invalidationByWorkspaceRemovesOnlyThatWorkspace() {
        store.put("a", "x", tags("ws-1", Map.of()));
        store.put("b", "y", tags("ws-1", Map.of()));
        store.put("c", "z", tags("ws-2", Map.of()));
        assertThat(store.invalidateWorkspace("ws-1")).isEqualTo(2);
        assertThat(store.get("a", String.class)).isEmpty();
        assertThat(store.get("c", String.class)).contains("z");
        assertThat(store.stats().invalidations()).containsEntry(InvalidationKind.WORKSPACE, 2L);
    }

    @Test
    void invalidationByTag() {
        store.put("a", "x", tags("ws-1", Map.of(), "debate", "high-priority"));
        store.put("b", "y", tags("ws-1", Map.of(), "debate"));
        assertThat(store.invalidateTag("high-priority")).isEqualTo(1);
        assertThat(store.get("a", String.class)).isEmpty();
        assertThat(store.get("b", String.class)).contains("y");
        assertThat(store.stats().invalidations()).containsEntry(InvalidationKind.TAG, 1L);
    }

    @Test
    void invalidationByAgentVersion() {
        store.put("a", "x", tags("ws", Map.of("claude", "3.5", "grok", "1.0")));
        store.put("b", "y", tags("ws", Map.of("claude", "4.0")));
        assertThat(store.invalidateAgentVersion("claude", "3.5")).isEqualTo(1);
        assertThat(store.get("a", String.class)).isEmpty();
        assertThat(store.get("b", String.class)).contains("y");
    }

    @Test
    void anUpgradeRemovesEntriesOfEveryOtherVersionOfThatAgentOnly() {
        store.put("old", "x", tags("ws", Map.of("anthropic-api", "1.0.0")));
        store.put("new", "y", tags("ws", Map.of("anthropic-api", "2.0.0")));
        store.put("other", "z", tags("ws", Map.of("grok", "1.0.0")));
        assertThat(store.invalidateOtherAgentVersions("anthropic-api", "2.0.0")).isEqualTo(1);
        assertThat(store.get("old", String.class)).isEmpty();
        assertThat(store.get("new", String.class)).contains("y");
        assertThat(store.get("other", String.class)).contains("z");
        assertThat(store.stats().invalidations()).containsEntry(InvalidationKind.AGENT_VERSION, 1L);
    }

    @Test
    void aPolicyChangeIsLazy() {
        store.put("a", "x", tags("ws", Map.of()));
        store.put("b", "y", tags("ws", Map.of()));
        store.changePolicyVersion("v2");
        assertThat(store.stats().size()).as("nothing removed yet").isEqualTo(2);
        assertThat(store.stats().invalidations()).containsEntry(InvalidationKind.POLICY_VERSION, 0L);
        assertThat(store.get("a", String.class)).isEmpty();
        assertThat(store.stats().size()).isEqualTo(1);
        assertThat(store.stats().invalidations()).containsEntry(InvalidationKind.POLICY_VERSION, 1L);
        store.put("c", "z", tags("ws", Map.of()));
        assertThat(store.get("c", String.class)).as("new entries carry the new version").contains("z");
        assertThat(store.stats().policyVersion()).isEqualTo("v2");
    }

    @Test
    void anEntryStampedWithAnExplicitPolicyVersionKeepsIt() {
        store.put("a", "x", new CacheTags("ws", "v0", Map.of(), Set.of()));
        assertThat(store.get("a", String.class)).isEmpty();
    }

    @Test
    void invalidateAllAndResize() {
        store.put("a", "x", tags("ws", Map.of()));
        assertThat(store.invalidateAll()).isEqualTo(1);
        assertThat(store.stats().size()).isZero();
        store.resize(5, Duration.ofSeconds(10));
        assertThat(store.stats().maxSize()).isEqualTo(5);
        assertThat(store.stats().ttl()).isEqualTo(Duration.ofSeconds(10));
    }
}
