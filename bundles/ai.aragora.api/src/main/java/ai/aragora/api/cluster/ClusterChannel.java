package ai.aragora.api.cluster;

import java.lang.System.Logger.Level;

/**
 * One channel of the cluster bus as a component holds it while the bus service comes and goes:
 * {@link #bind} subscribes (closing an earlier subscription), {@link #unbind} closes it when that
 * bus is the one bound, the listener hears only the other instances' messages, and it hears a
 * reconnection after an outage so it can drop what it may have missed. Whether a failed
 * {@link #publish} fails the caller's work is the caller's choice. Safe for concurrent use.
 *
 * @since 1.1
 */
public final class ClusterChannel {

    private static final System.Logger LOG = System.getLogger(ClusterChannel.class.getName());

    private final String channel;
    private final ClusterListener listener;
    private ClusterBus bus;
    private AutoCloseable subscription;

    /** @param listener hears the other instances' messages on the channel, and reconnections */
    public ClusterChannel(String channel, ClusterListener listener) {
        this.channel = channel;
        this.listener = listener;
    }

    public synchronized void bind(ClusterBus bus) {
        close();
        this.bus = bus;
        this.subscription = bus.subscribe(channel, new FromOthers(bus));
    }

    public synchronized void unbind(ClusterBus bus) {
        if (this.bus == bus) {
            close();
        }
    }

    /** Whether a bus is bound: without one, messages go nowhere and none come. */
    public synchronized boolean bound() {
        return bus != null;
    }

    public synchronized void close() {
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                // The subscription is the bus's; nothing here waits on it, and this channel no longer listens.
                LOG.log(Level.DEBUG, "closing the subscription to {0}: {1}", channel, e.toString());
            }
        }
        subscription = null;
        bus = null;
    }

    /**
     * Sends {@code payload} to the channel when a bus is bound.
     *
     * @return whether a bus was bound to send it
     * @throws RuntimeException whatever the bus threw
     */
    public synchronized boolean publish(String payload) {
        if (bus == null) {
            return false;
        }
        bus.publish(channel, payload);
        return true;
    }

    private synchronized boolean current(ClusterBus of) {
        return bus == of;
    }

    /** Hands on what a bus still bound delivers, leaving out this instance's own messages. */
    private final class FromOthers implements ClusterListener {
        private final ClusterBus of;

        FromOthers(ClusterBus of) {
            this.of = of;
        }

        @Override
        public void onMessage(ClusterMessage message) {
            if (current(of) && !message.origin().equals(of.instanceId())) {
                listener.onMessage(message);
            }
        }

        @Override
        public void reconnected() {
            if (current(of)) {
                listener.reconnected();
            }
        }
    }
}
