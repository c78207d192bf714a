package ai.aragora.knowledge;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import ai.aragora.api.cluster.ClusterBus;
import ai.aragora.api.cluster.ClusterListener;
import ai.aragora.api.cluster.ClusterMessage;

/** One broker in memory: every instance's bus delivers to every subscriber, its own included. */
final class ClusterBroker {

    private final List<ClusterListener> listeners = new CopyOnWriteArrayList<>();

    ClusterBus bus(String instance) {
        return new ClusterBus() {
            @Override
            public String instanceId() {
                return instance;
            }

            @Override
            public void publish(String channel, String payload) {
                listeners.forEach(l -> l.onMessage(new ClusterMessage(channel, instance, payload)));
            }

            @Override
            public AutoCloseable subscribe(String channel, ClusterListener listener) {
                listeners.add(listener);
                return () -> listeners.remove(listener);
            }

            @Override
            public boolean connected() {
                return true;
            }
        };
    }
}
