package ai.aragora.stream;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.jetty.websocket.api.Session;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.aragora.api.auth.AuthPrincipal;
import ai.aragora.api.cluster.ClusterBus;
import ai.aragora.api.event.DebateEvent;
import ai.aragora.api.event.DebateListener;
import ai.aragora.api.storage.DebateStore;
import io.prometheus.client.Collector;
import io.prometheus.client.Gauge;

/**
 * The event stream's clients: opens and closes them, answers what they send, beats their
 * heartbeat and counts them. Events go through the {@link EventRouter}, off the debate's
 * thread; each client writes on its own (see {@link StreamConnection}). With a cluster bus,
 * events cross instances (see {@link ClusterRelay}); without one, the stream is this
 * instance's alone.
 */
@Component(service = {DebateListener.class, StreamHub.class}, configurationPid = StreamConfig.PID)
@Designate(ocd = StreamConfig.class)
public class StreamHub implements DebateListener {

    private static final String WRITE = "debates.create";
    /** Store reads at once: one debate's slow read holds up no other debate's (see {@link FeedFiller}). */
    private static final int LOOKUP_THREADS = 4;

    private final StreamConfig config;
    private final StreamProtocol protocol = new StreamProtocol(new ObjectMapper());
    private final Clock clock = Clock.systemUTC();
    private final Map<String, StreamConnection> connections = new ConcurrentHashMap<>();
    private final ScheduledExecutorService heartbeat;
    private final ExecutorService owned;
    private final ExecutorService ownedLookups;
    private final Executor writers;
    private final EventRouter router;
    private final Subscriptions subscriptions;
    private final Gauge connected = Gauge.build().name("aragora_websocket_connections")
            .help("Open event stream connections").create();
    private final ServiceRegistration<?>[] metrics;
    private final StreamStats stats = new StreamStats();
    private ClusterRelay relay;

    private volatile DebateStore store;

    @Activate
    public StreamHub(StreamConfig config, BundleContext context) {
        this(config, context, Executors.newSingleThreadExecutor(daemons("aragora-stream-fanout")),
                Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), daemons("aragora-stream-writer")),
                Executors.newFixedThreadPool(LOOKUP_THREADS, daemons("aragora-stream-lookup")));
    }

    /** With the store's lookups on the thread that asks for them. */
    StreamHub(StreamConfig config, BundleContext context, Executor fanout, Executor writers) {
        this(config, context, fanout, writers, Runnable::run);
    }

    /** With the fan-out thread, the writers' pool and the lookups given: each is shut down with the hub when it is a service. */
    StreamHub(StreamConfig config, BundleContext context, Executor fanout, Executor writers, Executor lookups) {
        this.config = config;
        this.owned = fanout instanceof ExecutorService f ? f : null;
        this.ownedLookups = lookups instanceof ExecutorService l ? l : null;
        this.writers = writers;
        DebateSync sync = new DebateSync(() -> store, config.sync_messages());
        this.router = new EventRouter(fanout, lookups, protocol, sync, stats, clock::millis);
        this.subscriptions = new Subscriptions(protocol, sync, router);
        this.metrics = new ServiceRegistration<?>[] {context.registerService(Collector.class, connected, null),
            context.registerService(Collector.class, stats.sent, null), context.registerService(Collector.class, stats.slowDropped, null)};
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(daemons("aragora-stream-heartbeat"));
        long every = Math.max(1, config.heartbeat_seconds());
        heartbeat.scheduleAtFixedRate(this::beat, every, every, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        heartbeat.shutdownNow();
        synchronized (this) {
            if (relay != null) {
                relay.close();
                relay = null;
            }
        }
        if (owned != null) {
            owned.shutdownNow();
        }
        if (ownedLookups != null) {
            ownedLookups.shutdownNow();
        }
        if (writers instanceof ExecutorService w) {
            w.shutdownNow();
        }
        for (StreamConnection c : connections.values()) {
            c.close(1001, "server shutting down");
        }
        connections.clear();
        for (ServiceRegistration<?> r : metrics) {
            r.unregister();
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindStore(DebateStore store) {
        this.store = store;
    }

    void unbindStore(DebateStore gone) {
        if (store == gone) {
            store = null;
        }
    }

    /** Events cross instances while a cluster bus is there; without it the stream stays local. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void bindBus(ClusterBus bus) {
        if (relay != null) {
            relay.close();
        }
        relay = new ClusterRelay(bus, router);
    }

    synchronized void unbindBus(ClusterBus bus) {
        if (relay != null && relay.uses(bus)) {
            relay.close();
            relay = null;
        }
    }

    StreamConfig config() {
        return config;
    }

    int clients() {
        return connections.size();
    }

    /** For {@code /api/ws/stats} and the admin stats: clients, subscriptions, rate, drops. */
    Map<String, Object> stats() {
        int subscribed = 0;
        int authenticated = 0;
        for (StreamConnection c : connections.values()) {
            subscribed += c.subscriptions().size();
            if (!c.principal().isAnonymous()) {
                authenticated++;
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("clients", connections.size());
        out.put("authenticated_clients", authenticated);
        out.put("subscriptions", subscribed);
        out.put("debates_watched", router.debatesWatched());
        out.put("messages_per_second", Math.round(stats.perSecond(clock.millis()) * 100) / 100.0);
        out.put("messages_sent_total", (long) stats.sent.get());
        out.put("slow_clients_dropped_total", (long) stats.slowDropped.get());
        return out;
    }

    @Override
    public void onEvent(DebateEvent event) {
        router.local(event);
    }

    StreamConnection opened(Session session, AuthPrincipal principal) {
        String id = UUID.randomUUID().toString();
        StreamConnection connection = new StreamConnection(id, principal, session, Math.max(1, config.client_buffer_events()),
                Math.max(1, config.max_subscriptions()),
                new TokenBucket(config.messages_per_second(), config.burst(), System.nanoTime()), writers, this::remove);
        connections.put(id, connection);
        connected.set(connections.size());
        connection.offer(protocol.connectionInfo(id, !principal.isAnonymous(), principal.can(WRITE)));
        return connection;
    }

    void received(StreamConnection connection, String text) {
        if (!connection.admit(System.nanoTime())) {
            connection.offer(protocol.error("rate limit exceeded: at most " + config.messages_per_second()
                    + " messages a second", "rate_limited"));
            return;
        }
        StreamProtocol.Request request = protocol.parse(text);
        if (request instanceof StreamProtocol.Subscribe s) {
            subscriptions.subscribe(connection, s.debateId());
        } else if (request instanceof StreamProtocol.Unsubscribe u) {
            subscriptions.unsubscribe(connection, u.debateId());
        } else if (request instanceof StreamProtocol.SubscribeOrg) {
            subscriptions.subscribeOrg(connection);
        } else if (request instanceof StreamProtocol.UnsubscribeOrg) {
            subscriptions.unsubscribeOrg(connection);
        } else if (request instanceof StreamProtocol.Ping) {
            connection.offer(protocol.pong(clock.instant()));
        } else if (request instanceof StreamProtocol.Invalid invalid) {
            connection.offer(protocol.error(invalid.message(), invalid.code()));
        }
    }

    void closed(StreamConnection connection) {
        connection.markClosed();
        remove(connection);
    }

    private void beat() {
        ByteBuffer json = ByteBuffer.wrap(protocol.heartbeat(clock.instant()).getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer();
        int sent = 0;
        for (StreamConnection c : connections.values()) {
            if (c.offer(json)) {
                sent++;
            } else if (c.isClosed()) {
                remove(c);
            }
        }
        stats.sent(clock.millis(), sent);
    }

    private void remove(StreamConnection connection) {
        if (connections.remove(connection.id(), connection)) {
            if (connection.droppedForSlowness()) {
                stats.slowDropped.inc();
            }
            subscriptions.dropAll(connection);
            connected.set(connections.size());
        }
    }

    private static ThreadFactory daemons(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
