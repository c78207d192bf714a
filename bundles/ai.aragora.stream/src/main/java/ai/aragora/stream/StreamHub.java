package ai.aragora.stream;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.websocket.api.Session;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.aragora.api.auth.AuthPrincipal;
import ai.aragora.api.debate.Message;
import ai.aragora.api.event.DebateEvent;
import ai.aragora.api.event.DebateListener;
import ai.aragora.api.event.EventType;
import ai.aragora.api.storage.DebateRecord;
import ai.aragora.api.storage.DebateStore;
import ai.aragora.wire.DebateWire;
import io.prometheus.client.Collector;
import io.prometheus.client.Gauge;

/**
 * Routes every debate event to the clients subscribed to its debate. Runs on the debate's
 * thread, so it only serialises the event once and hands it to each client's bounded queue.
 * A client sees a debate only if it may read debates and the debate belongs to its org, the
 * same rule as the REST API: the check runs on every delivery against the debate's org, which
 * is looked up once per debate.
 */
@Component(service = {DebateListener.class, StreamHub.class}, configurationPid = StreamConfig.PID)
@Designate(ocd = StreamConfig.class)
public class StreamHub implements DebateListener {

    private static final Logger LOG = LoggerFactory.getLogger(StreamHub.class);
    private static final String READ = "debates.read";
    private static final String WRITE = "debates.create";

    private final StreamConfig config;
    private final StreamProtocol protocol = new StreamProtocol(new ObjectMapper());
    private final Clock clock = Clock.systemUTC();
    private final Map<String, StreamConnection> connections = new ConcurrentHashMap<>();
    private final Map<String, Set<StreamConnection>> subscribers = new ConcurrentHashMap<>();
    /** Debate id to its org, for the debates that currently have subscribers. */
    private final Map<String, String> owners = new ConcurrentHashMap<>();
    private final ScheduledExecutorService heartbeat;
    private final Gauge connected = Gauge.build().name("aragora_websocket_connections")
            .help("Open event stream connections").create();
    private final ServiceRegistration<?>[] metrics;
    private final StreamStats stats = new StreamStats();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile DebateStore store;

    @Activate
    public StreamHub(StreamConfig config, BundleContext context) {
        this.config = config;
        this.metrics = new ServiceRegistration<?>[] {context.registerService(Collector.class, connected, null),
            context.registerService(Collector.class, stats.sent, null), context.registerService(Collector.class, stats.slowDropped, null)};
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "aragora-stream-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(1, config.heartbeat_seconds());
        heartbeat.scheduleAtFixedRate(this::beat, every, every, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        heartbeat.shutdownNow();
        for (StreamConnection c : connections.values()) {
            c.close(1001, "server shutting down");
        }
        connections.clear();
        subscribers.clear();
        for (ServiceRegistration<?> r : metrics) {
            r.unregister();
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
        int subscriptions = 0;
        int authenticated = 0;
        for (StreamConnection c : connections.values()) {
            subscriptions += c.subscriptions().size();
            if (!c.principal().isAnonymous()) {
                authenticated++;
            }
        }
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("clients", connections.size());
        out.put("authenticated_clients", authenticated);
        out.put("subscriptions", subscriptions);
        out.put("debates_watched", subscribers.size());
        out.put("messages_per_second", Math.round(stats.perSecond(clock.millis()) * 100) / 100.0);
        out.put("messages_sent_total", (long) stats.sent.get());
        out.put("slow_clients_dropped_total", (long) stats.slowDropped.get());
        return out;
    }

    @Override
    public void onEvent(DebateEvent event) {
        Set<StreamConnection> audience = subscribers.get(event.debateId());
        if (audience == null || audience.isEmpty()) {
            return;
        }
        String json = protocol.event(event);
        Optional<String> org = null;
        for (StreamConnection c : audience) {
            if (c.principal().kind() != AuthPrincipal.Kind.ADMIN) {
                if (org == null) {
                    org = orgOf(event.debateId());
                }
                if (!org.map(c.principal()::canSee).orElse(false)) {
                    unsubscribe(c, event.debateId());
                    continue;
                }
            }
            if (c.offer(json)) {
                stats.sent(clock.millis());
            } else {
                dropIfClosed(c);
            }
        }
        if (event.type() == EventType.DEBATE_END) {
            owners.remove(event.debateId());
        }
    }

    StreamConnection opened(Session session, AuthPrincipal principal) {
        String id = UUID.randomUUID().toString();
        StreamConnection connection = new StreamConnection(id, principal, session, config.client_buffer_events(),
                Math.max(1, config.max_subscriptions()),
                new TokenBucket(config.messages_per_second(), config.burst(), System.nanoTime()));
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
            subscribe(connection, s.debateId());
        } else if (request instanceof StreamProtocol.Unsubscribe u) {
            unsubscribe(connection, u.debateId());
            connection.offer(protocol.unsubscribed(u.debateId()));
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

    private void subscribe(StreamConnection connection, String debateId) {
        AuthPrincipal principal = connection.principal();
        if (!principal.can(READ)) {
            connection.offer(principal.isAnonymous()
                    ? protocol.error("authentication required: connect with Authorization: Bearer <token>", "unauthorized")
                    : protocol.error("permission " + READ + " is required to follow debates", "forbidden"));
            return;
        }
        // before the lookup: a full connection learns nothing about the debate
        if (!connection.subscribe(debateId)) {
            connection.offer(protocol.error("at most " + connection.maxSubscriptions()
                    + " subscriptions per connection: unsubscribe from a debate first", "too_many_subscriptions"));
            return;
        }
        Optional<DebateRecord> debate = find(debateId);
        if (debate.isPresent() && !principal.canSee(debate.get().orgId())) {
            // another org's debate looks exactly like one that does not exist yet, and stays silent;
            // it keeps its slot, so the limit does not tell the two apart either
            connection.offer(protocol.subscribed(debateId));
            connection.offer(protocol.error("no debate " + debateId + " (yet): events will follow if it starts", "not_found"));
            return;
        }
        subscribers.computeIfAbsent(debateId, k -> ConcurrentHashMap.newKeySet()).add(connection);
        connection.offer(protocol.subscribed(debateId));
        Optional<Map<String, Object>> state = debate.flatMap(this::state);
        if (state.isPresent()) {
            connection.offer(protocol.sync(state.get()));
        } else if (store != null) {
            connection.offer(protocol.error("no debate " + debateId + " (yet): events will follow if it starts", "not_found"));
        }
    }

    /** Cached while the debate has subscribers: the org of a debate never changes. */
    private Optional<String> orgOf(String debateId) {
        String known = owners.get(debateId);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<String> org = find(debateId).map(DebateRecord::orgId);
        org.ifPresent(o -> owners.put(debateId, o));
        return org;
    }

    private Optional<DebateRecord> find(String debateId) {
        DebateStore current = store;
        if (current == null) {
            return Optional.empty();
        }
        try {
            return current.find(debateId);
        } catch (RuntimeException e) {
            LOG.warn("looking up debate {} failed: {}", debateId, e.toString());
            return Optional.empty();
        }
    }

    private void unsubscribe(StreamConnection connection, String debateId) {
        connection.subscriptions().remove(debateId);
        subscribers.computeIfPresent(debateId, (k, set) -> {
            set.remove(connection);
            if (set.isEmpty()) {
                owners.remove(debateId);
                return null;
            }
            return set;
        });
    }

    /** What a late subscriber needs to catch up: the debate as stored and its transcript so far. */
    private Optional<Map<String, Object>> state(DebateRecord debate) {
        DebateStore current = store;
        if (current == null) {
            return Optional.empty();
        }
        String debateId = debate.id();
        try {
            List<Map<String, Object>> messages = new ArrayList<>();
            for (Message m : current.messages(debateId, 0, config.sync_messages()).items()) {
                messages.add(DebateWire.message(m));
            }
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("debate_id", debate.id());
            state.put("task", debate.spec().task());
            state.put("status", debate.status().wire());
            state.put("rounds_used", debate.roundsUsed());
            state.put("agents", debate.spec().agents());
            state.put("messages", messages);
            state.put("last_seq", current.lastEventSeq(debateId));
            return Optional.of(state);
        } catch (RuntimeException e) {
            LOG.warn("sync for debate {} failed: {}", debateId, e.toString());
            return Optional.empty();
        }
    }

    private void beat() {
        String json = protocol.heartbeat(clock.instant());
        for (StreamConnection c : connections.values()) {
            if (c.offer(json)) {
                stats.sent(clock.millis());
            } else {
                dropIfClosed(c);
            }
        }
    }

    private void dropIfClosed(StreamConnection connection) {
        if (connection.isClosed()) {
            remove(connection);
        }
    }

    private void remove(StreamConnection connection) {
        if (connections.remove(connection.id(), connection)) {
            if (connection.droppedForSlowness()) {
                stats.slowDropped.inc();
            }
            for (String debateId : connection.subscriptions()) {
                unsubscribe(connection, debateId);
            }
            connected.set(connections.size());
        }
    }
}
