package ai.aragora.api.cluster;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A broker in memory for tests of several instances: each instance's {@link #bus} delivers at
 * once, on the publisher's thread, to every subscriber of the channel, the publisher's own
 * included. While {@link #down} it loses what is published; {@link #twice} redelivers everything,
 * as a broker may.
 */
public final class MemoryBroker {

    private final Map<String, List<ClusterListener>> channels = new ConcurrentHashMap<>();
    /** What was published, as {@code instance: payload}, in order. */
    public final List<String> sent = new CopyOnWriteArrayList<>();
    public volatile boolean down;
    public volatile boolean twice;

    public ClusterBus bus(String instanceId) {
        return new ClusterBus() {
            @Override
            public String instanceId() {
                return instanceId;
            }

            @Override
            public void publish(String channel, String payload) {
                if (down) {
                    return;
                }
                sent.add(instanceId + ": " + payload);
                for (ClusterListener l : channels.getOrDefault(channel, List.of())) {
                    l.onMessage(new ClusterMessage(channel, instanceId, payload));
                    if (twice) {
                        l.onMessage(new ClusterMessage(channel, instanceId, payload));
                    }
                }
            }

            @Override
            public AutoCloseable subscribe(String channel, ClusterListener listener) {
                channels.computeIfAbsent(channel, k -> new CopyOnWriteArrayList<>()).add(listener);
                return () -> channels.get(channel).remove(listener);
            }

            @Override
            public boolean connected() {
                return !down;
            }
        };
    }

    /** The broker is back: every subscription is told so. */
    public void restarted() {
        down = false;
        channels.values().forEach(list -> list.forEach(ClusterListener::reconnected));
    }
}
