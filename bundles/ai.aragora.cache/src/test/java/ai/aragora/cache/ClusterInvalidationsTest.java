package ai.aragora.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import ai.aragora.api.cluster.MemoryBroker;
import ai.aragora.api.cache.CacheTags;
import ai.aragora.api.cluster.ClusterBus;
import ai.aragora.api.cluster.ClusterListener;

class ClusterInvalidationsTest {

    private static DecisionCacheService cache() {
        DecisionCacheService cache = new DecisionCacheService(TestConfigs.cache(100, 3600, "1"));
        cache.put("d-ws", "a", new CacheTags("ws1", null, Map.of("claude", "1"), Set.of("t1")));
        cache.put("d-other", "b", new CacheTags("ws2", null, Map.of("gpt", "1"), Set.of("t2")));
        return cache;
    }

    @Test
    void anInvalidationOnOneInstanceEmptiesTheOthersOnceWithoutEcho() {
        MemoryBroker broker = new MemoryBroker();
        DecisionCacheService a = cache();
        DecisionCacheService b = cache();
        DecisionCacheService c = cache();
        a.bindBus(broker.bus("A"));
        b.bindBus(broker.bus("B"));
        c.bindBus(broker.bus("C"));

        assertThat(b.invalidateWorkspace("ws1")).isEqualTo(1);
        assertThat(c.get("d-ws", String.class)).isEmpty();
        assertThat(a.get("d-ws", String.class)).isEmpty();
        assertThat(c.get("d-other", String.class)).contains("b");
        assertThat(broker.sent).as("received invalidations are not published again").containsExactly("B: workspace\nws1");

        a.invalidateTag("t2");
        assertThat(c.get("d-other", String.class)).isEmpty();
        c.put("x", "v", new CacheTags("ws3", null, Map.of("claude", "1"), Set.of()));
        b.put("x", "v", new CacheTags("ws3", null, Map.of("claude", "1"), Set.of()));
        c.invalidateAgentVersion("claude", "1");
        assertThat(b.get("x", String.class)).isEmpty();
        b.put("y", "v", new CacheTags("ws3", null, Map.of(), Set.of()));
        a.invalidateAll();
        assertThat(b.stats().size()).isZero();
        assertThat(broker.sent).hasSize(4);
    }

    @Test
    void aReconnectionDropsEverythingAndAnUnboundBusHearsNothing() {
        MemoryBroker broker = new MemoryBroker();
        DecisionCacheService a = cache();
        DecisionCacheService b = cache();
        ClusterBus busB = broker.bus("B");
        a.bindBus(broker.bus("A"));
        b.bindBus(busB);
        broker.restarted();
        assertThat(a.stats().size()).isZero();

        b.put("z", "v", new CacheTags("ws1", null, Map.of(), Set.of()));
        b.unbindBus(busB);
        a.invalidateWorkspace("ws1");
        assertThat(b.get("z", String.class)).as("without a bus, an instance keeps to itself").contains("v");
    }

    @Test
    void anInvalidationWhoseAnnouncementFailsFailsAndDropsNothingHere() {
        DecisionCacheService a = cache();
        a.bindBus(new ClusterBus() {
            @Override public String instanceId() { return "A"; }
            @Override public void publish(String channel, String payload) { throw new IllegalStateException("broker refused"); }
            @Override public AutoCloseable subscribe(String channel, ClusterListener listener) { return () -> { }; }
            @Override public boolean connected() { return false; }
        });
        assertThatThrownBy(() -> a.invalidateWorkspace("ws1")).hasMessage("broker refused");
        assertThat(a.get("d-ws", String.class)).as("the caller asks again; the others were not told").contains("a");
    }
}
