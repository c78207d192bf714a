package ai.aragora.stream;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import ai.aragora.api.cluster.ClusterBus;
import ai.aragora.api.cluster.ClusterListener;
import ai.aragora.api.cluster.ClusterMessage;

/**
 * An in-memory broker shared by several instances' buses: delivers at once, to every
 * subscriber including the publisher, and loses what is published while it is down.
 */
final class FakeBus {

    private final Map<String, List<Map.Entry<String, ClusterListener>>> channels = new ConcurrentHashMap<>();
    volatile boolean down;
    /** Delivers every message twice, as a broker that redelivers might. */
    volatile boolean twice;

    ClusterBus instance(String id) {
        return new ClusterBus() {
            @Override
            public String instanceId() {
                return id;
            }

            @Override
            public void publish(String channel, String payload) {
                if (down) {
                    return;
                }
                for (Map.Entry<String, ClusterListener> l : channels.getOrDefault(channel, List.of())) {
                    l.getValue().onMessage(new ClusterMessage(channel, id, payload));
                    if (twice) {
                        l.getValue().onMessage(new ClusterMessage(channel, id, payload));
                    }
                }
            }

            @Override
            public AutoCloseable subscribe(String channel, ClusterListener listener) {
                Map.Entry<String, ClusterListener> entry = Map.entry(id, listener);
                channels.computeIfAbsent(channel, k -> new CopyOnWriteArrayList<>()).add(entry);
                return () -> channels.get(channel).remove(entry);
            }

            @Override
            public boolean connected() {
                return !down;
            }
        };
    }

    /** The broker is back: every subscription says so. */
    void restarted() {
        down = false;
        channels.values().forEach(list -> list.forEach(l -> l.getValue().reconnected()));
    }
}
