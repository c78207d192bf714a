package ai.aragora.storage.redis;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.aragora.api.cluster.ClusterListener;
import ai.aragora.api.cluster.ClusterMessage;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/**
 * The dedicated subscriber connection and the listeners on it. A thread of its own blocks in
 * SUBSCRIBE; when the connection breaks it waits (bounded, jittered), connects again, subscribes
 * every channel with a listener, and tells each channel's listeners they may have missed messages
 * once Redis confirms that channel. A watchdog pings the connection, so that a server gone silent
 * (no reset, no FIN) is noticed as well.
 */
final class Subscriber implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Subscriber.class);

    private final Endpoint endpoint;
    private final LinkState state;
    private final Backoff backoff;
    private final Runnable restored;
    private final String control;
    private final Object lock = new Object();
    private final Map<String, List<ClusterListener>> listeners = new ConcurrentHashMap<>();
    /** Channels whose listeners may have missed messages since the link was lost (not before it first came up). */
    private final Set<String> missed = new HashSet<>();
    private volatile boolean running = true;
    private volatile long lastPongNanos;
    private Jedis connection;
    private Session session;
    private boolean everConnected;

    /** @param restored run when Redis is reachable again after it was lost */
    Subscriber(Endpoint endpoint, LinkState state, Backoff backoff, String instanceId, Runnable restored) {
        this.endpoint = endpoint;
        this.state = state;
        this.backoff = backoff;
        this.restored = restored;
        // Always subscribed, so the connection is in subscribe mode even before any listener.
        this.control = endpoint.prefix() + "bus-control:" + instanceId;
    }

    String wireChannel(String channel) {
        return endpoint.prefix() + "bus:" + channel;
    }

    AutoCloseable add(String channel, ClusterListener listener) {
        synchronized (lock) {
            List<ClusterListener> list = listeners.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>());
            list.add(listener);
            if (list.size() == 1) {
                if (session != null) {
                    send(() -> session.subscribe(wireChannel(channel)));
                } else if (everConnected) {
                    missed.add(channel);
                }
            }
        }
        return () -> remove(channel, listener);
    }

    private void remove(String channel, ClusterListener listener) {
        synchronized (lock) {
            List<ClusterListener> list = listeners.get(channel);
            if (list == null || !list.remove(listener) || !list.isEmpty()) {
                return;
            }
            listeners.remove(channel);
            missed.remove(channel);
            if (session != null) {
                send(() -> session.unsubscribe(wireChannel(channel)));
            }
        }
    }

    /** A failed write means the connection is going: the reconnection subscribes again. */
    private static void send(Runnable command) {
        try {
            command.run();
        } catch (RuntimeException e) {
            LOG.debug("redis subscriber: command not sent, the connection is being replaced: {}", LinkState.describe(e));
        }
    }

    @Override
    public void run() {
        while (running) {
            Jedis jedis = null;
            try {
                jedis = endpoint.connect();
                synchronized (lock) {
                    connection = jedis;
                }
                jedis.subscribe(new Session(), control);
            } catch (RuntimeException e) {
                if (running) {
                    boolean wasUp = state.up();
                    state.lost(e);
                    if (wasUp) {
                        LOG.warn("redis {} lost: {}; reconnecting", endpoint, state.problem());
                    }
                }
            } finally {
                synchronized (lock) {
                    session = null;
                    connection = null;
                    if (everConnected) {
                        missed.addAll(listeners.keySet());
                    }
                }
                if (jedis != null) {
                    jedis.close();
                }
            }
            if (running) {
                sleep(backoff.nextMillis());
            }
        }
    }

    /** Called periodically: pings, and drops a connection that stopped answering. */
    void watch(long silentAfterNanos) {
        synchronized (lock) {
            if (session == null) {
                return;
            }
            if (System.nanoTime() - lastPongNanos > silentAfterNanos) {
                state.lost("no answer to PING for " + TimeUnit.NANOSECONDS.toSeconds(silentAfterNanos) + " s");
                LOG.warn("redis {} silent; reconnecting", endpoint);
                connection.disconnect();
                return;
            }
            send(session::ping);
        }
    }

    void stop() {
        running = false;
        synchronized (lock) {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            running = false;
            Thread.currentThread().interrupt();
        }
    }

    private void deliver(String wireChannel, String wire) {
        String channel = wireChannel.substring(endpoint.prefix().length() + "bus:".length());
        List<ClusterListener> list = listeners.get(channel);
        int newline = wire.indexOf('\n');
        if (list == null || newline < 0) {
            return;
        }
        state.received.incrementAndGet();
        ClusterMessage message = new ClusterMessage(channel, wire.substring(0, newline), wire.substring(newline + 1));
        for (ClusterListener listener : list) {
            try {
                listener.onMessage(message);
            } catch (RuntimeException e) {
                LOG.warn("cluster listener on {} failed: {}", channel, e.toString());
            }
        }
    }

    private void resumed(String wireChannel) {
        String channel = wireChannel.substring(endpoint.prefix().length() + "bus:".length());
        boolean gap;
        synchronized (lock) {
            gap = missed.remove(channel);
        }
        List<ClusterListener> list = listeners.get(channel);
        if (!gap || list == null) {
            return;
        }
        for (ClusterListener listener : list) {
            try {
                listener.reconnected();
            } catch (RuntimeException e) {
                LOG.warn("cluster listener on {} failed after reconnecting: {}", channel, e.toString());
            }
        }
    }

    /** One subscription session: callbacks run on the subscriber thread. */
    private final class Session extends JedisPubSub {

        @Override
        public void onSubscribe(String channel, int subscribedChannels) {
            if (!channel.equals(control)) {
                resumed(channel);
                return;
            }
            synchronized (lock) {
                session = this;
                lastPongNanos = System.nanoTime();
                if (everConnected) {
                    state.reconnects.incrementAndGet();
                    restored.run();
                    LOG.info("redis {} reachable again; resubscribing {} channels", endpoint, listeners.size());
                } else {
                    LOG.info("redis {} connected", endpoint);
                }
                everConnected = true;
                state.connected();
                backoff.reset();
                if (!listeners.isEmpty()) {
                    send(() -> subscribe(listeners.keySet().stream().map(Subscriber.this::wireChannel).toArray(String[]::new)));
                }
            }
        }

        @Override
        public void onMessage(String channel, String message) {
            if (!channel.equals(control)) {
                deliver(channel, message);
            }
        }

        @Override
        public void onPong(String pattern) {
            lastPongNanos = System.nanoTime();
        }
    }
}
