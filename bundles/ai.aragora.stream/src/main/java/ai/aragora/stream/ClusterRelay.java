package ai.aragora.stream;

import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.aragora.api.cluster.ClusterBus;
import ai.aragora.api.cluster.ClusterListener;
import ai.aragora.api.cluster.ClusterMessage;

/**
 * The stream across instances: publishes the events of debates running here on one channel of
 * the cluster bus and passes the other instances' events to the router. The bus may lose
 * messages while its broker is away; the router fills such gaps from the shared store, and on
 * reconnection re-reads every debate it follows and looks for its org subscribers' debates that
 * changed since the bus was last heard from.
 */
final class ClusterRelay implements ClusterListener, AutoCloseable {

    static final String CHANNEL = "aragora.stream.events";
    private static final Logger LOG = LoggerFactory.getLogger(ClusterRelay.class);
    /**
     * Subtracted from the last time the bus was heard from: the store's change times are the
     * writing instance's clock, and a debate's record changes a little before its event is sent.
     */
    static final Duration CLOCK_MARGIN = Duration.ofMinutes(1);

    private final ClusterBus bus;
    private final EventRouter router;
    private final AutoCloseable subscription;
    /**
     * When a message (any instance's, this one's too) last arrived: every debate's event is
     * published, so what the bus lost happened after it.
     */
    private volatile long heardMillis = System.currentTimeMillis();

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
        heardMillis = System.currentTimeMillis();
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
        router.resync(Instant.ofEpochMilli(heardMillis).minus(CLOCK_MARGIN));
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
