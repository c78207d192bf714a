package ai.aragora.stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.aragora.api.cluster.ClusterBus;
import ai.aragora.api.cluster.ClusterListener;
import ai.aragora.api.cluster.ClusterMessage;

/**
 * The stream across instances: publishes the events of debates running here on one channel of
 * the cluster bus and passes the other instances' events to the router. The bus may lose
 * messages while its broker is away; the router fills such gaps from the shared store, and on
 * reconnection re-reads every debate it follows.
 */
final class ClusterRelay implements ClusterListener, AutoCloseable {

    static final String CHANNEL = "aragora.stream.events";
    private static final Logger LOG = LoggerFactory.getLogger(ClusterRelay.class);

    private final ClusterBus bus;
    private final EventRouter router;
    private final AutoCloseable subscription;

    ClusterRelay(ClusterBus bus, EventRouter router) {
        this.bus = bus;
        this.router = router;
        this.subscription = bus.subscribe(CHANNEL, this);
        router.publishTo(this::publish);
    }

    boolean uses(ClusterBus candidate) {
        return bus == candidate;
    }

    private void publish(StreamEvent event) {
        try {
            bus.publish(CHANNEL, event.payload());
        } catch (RuntimeException e) {
            // the other instances fill the gap from the store when the next event reaches them
            LOG.debug("publishing an event of debate {} failed: {}", event.debateId(), e.toString());
        }
    }

    @Override
    public void onMessage(ClusterMessage message) {
        if (message.origin().equals(bus.instanceId())) {
            return;
        }
        StreamEvent event = StreamEvent.parse(message.payload());
        if (event == null) {
            LOG.debug("ignoring a message on {} that is not a stream event", CHANNEL);
            return;
        }
        router.remote(event);
    }

    @Override
    public void reconnected() {
        router.resync();
    }

    @Override
    public void close() {
        router.publishTo(null);
        try {
            subscription.close();
        } catch (Exception e) {
            LOG.debug("closing the stream's subscription failed: {}", e.toString());
        }
    }
}
