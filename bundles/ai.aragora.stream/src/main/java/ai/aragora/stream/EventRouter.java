package ai.aragora.stream;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.aragora.api.auth.AuthPrincipal;
import ai.aragora.api.event.DebateEvent;
import ai.aragora.api.event.EventType;
import ai.aragora.api.storage.DebateRecord;

/**
 * Takes each event from where it happened (a debate on this instance, or another instance over
 * the cluster bus) to the clients that follow its debate, by id or by org. A debate's thread
 * only queues the event here; one fan-out thread encodes it once, publishes it for the other
 * instances and offers it to each client's writer. Because every change of a debate's
 * audience and every delivery happens on that thread, each client gets a debate's events in
 * {@code seq} order, once: an event at or below what a client already has is skipped, and a
 * jump in {@code seq} is filled from the store before the event is passed on.
 */
final class EventRouter {

    private static final Logger LOG = LoggerFactory.getLogger(EventRouter.class);
    /** Org watchers' key for an operator who follows every org. */
    static final String ALL_ORGS = "*";
    /** Debates that ended recently: a late copy of one of their events starts nothing again. */
    private static final int ENDED_REMEMBERED = 10_000;

    private final Executor fanout;
    private final Executor lookups;
    private final StreamProtocol protocol;
    private final DebateSync sync;
    private final StreamStats stats;
    private final LongSupplier millis;
    private final Map<String, DebateFeed> feeds = new ConcurrentHashMap<>();
    private final Map<String, Set<StreamConnection>> orgWatchers = new ConcurrentHashMap<>();
    private final Map<String, Boolean> ended = new LinkedHashMap<>() {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > ENDED_REMEMBERED;
        }
    };
    private volatile Consumer<StreamEvent> publisher;

    /**
     * @param lookups where the store is asked for a debate's org and for the debates changed during an outage: never the
     *        fan-out thread, which every event waits on
     */
    EventRouter(Executor fanout, Executor lookups, StreamProtocol protocol, DebateSync sync, StreamStats stats, LongSupplier millis) {
        this.fanout = fanout;
        this.lookups = lookups;
        this.protocol = protocol;
        this.sync = sync;
        this.stats = stats;
        this.millis = millis;
    }

    /** Where this instance's events go besides its own clients; null for nowhere. */
    void publishTo(Consumer<StreamEvent> publisher) {
        this.publisher = publisher;
    }

    /** On the debate's thread: queues the event when anyone here or elsewhere may want it. */
    void local(DebateEvent event) {
        if (publisher == null && orgWatchers.isEmpty() && !feeds.containsKey(event.debateId())) {
            return;
        }
        run(() -> onLocal(event));
    }

    /** An event of a debate running on another instance. */
    void remote(StreamEvent event) {
        run(() -> onRemote(event));
    }

    /**
     * Adds a client to a debate's audience; it has every event up to {@code afterSeq} from its
     * sync. {@code orgId} is the debate's when it exists.
     */
    void attach(StreamConnection connection, String debateId, String orgId, long afterSeq) {
        run(() -> {
            DebateFeed feed = feeds.get(debateId);
            if (feed == null) {
                // the org's watchers have nothing of it yet: they get it from the start, this client after its sync
                feed = new DebateFeed(debateId, orgId, watched(orgId) ? 0 : afterSeq);
                feeds.put(debateId, feed);
                feed.audience.put(connection, afterSeq);
                // an event stored after the sync was read but announced before the feed existed passed by
                long stored = sync.lastSeq(debateId);
                if (stored > feed.lastSeq) {
                    fill(feed, stored);
                }
                return;
            }
            if (feed.orgId == null) {
                feed.orgId = orgId;
            }
            feed.audience.put(connection, afterSeq);
            if (afterSeq < feed.lastSeq) {
                // events passed on between this client's sync and now
                int sent = 0;
                for (DebateEvent missed : sync.events(debateId, afterSeq, feed.lastSeq)) {
                    sent += connection.offer(protocol.event(missed)) ? 1 : 0;
                }
                feed.audience.put(connection, feed.lastSeq);
                stats.sent(millis.getAsLong(), sent);
            }
        });
    }

    void detach(StreamConnection connection, String debateId) {
        run(() -> {
            DebateFeed feed = feeds.get(debateId);
            if (feed != null && feed.audience.remove(connection) != null && feed.audience.isEmpty() && publisher == null
                    && !watched(feed.orgId)) {
                feeds.remove(debateId);
            }
        });
    }

    /** Follows every debate of {@code orgKey} (an org id, or {@link #ALL_ORGS}) from its next event on. */
    void watchOrg(StreamConnection connection, String orgKey) {
        orgWatchers.computeIfAbsent(orgKey, k -> ConcurrentHashMap.newKeySet()).add(connection);
    }

    void unwatchOrg(StreamConnection connection, String orgKey) {
        orgWatchers.computeIfPresent(orgKey, (k, set) -> {
            set.remove(connection);
            return set.isEmpty() ? null : set;
        });
    }

    /**
     * After the bus was away: what was stored meanwhile reaches the clients as events, in
     * {@code seq} order, once. That covers the debates this instance follows and, for its org
     * subscribers, their orgs' debates whose record changed since {@code since} (one may have
     * started and ended on another instance while the bus was away). Then each client subscribed
     * by id gets a {@code sync} whose {@code last_seq} is the last event it has, and each org
     * subscriber one for every debate of its org whose missed events it was just sent.
     */
    void resync(Instant since) {
        run(() -> {
            // each feed, and whether it passed on events its org's watchers had missed
            Map<DebateFeed, Boolean> resynced = new LinkedHashMap<>();
            // a copy: a feed whose last event is passed on leaves the map
            for (DebateFeed feed : List.copyOf(feeds.values())) {
                if (!feed.awaitingOrg.isEmpty()) {
                    // filled now, its org's watchers would miss what the held events bring
                    continue;
                }
                long had = feed.lastSeq;
                long stored = sync.lastSeq(feed.debateId);
                if (stored > feed.lastSeq) {
                    fill(feed, stored);
                }
                resynced.put(feed, feed.lastSeq > had);
            }
            resynced.forEach((feed, passedOn) -> sendSync(feed, passedOn && watched(feed.orgId)));
        });
        try {
            // off the fan-out thread: the change time has no index, and live events should not wait on the scan
            lookups.execute(() -> {
                List<DebateRecord> changed = changedInWatchedOrgs(since);
                run(() -> passOnChanged(changed));
            });
        } catch (RejectedExecutionException e) {
            // the stream is stopping: its clients are being closed
        }
    }

    /** The debates no feed here knew of, each from its first stored event, then a sync to its org's watchers. */
    private void passOnChanged(List<DebateRecord> changed) {
        for (DebateRecord debate : changed) {
            // a feed may have started meanwhile from an event over the bus: it filled the debate from the store itself
            if (feeds.containsKey(debate.id()) || ended.containsKey(debate.id())) {
                continue;
            }
            DebateFeed feed = new DebateFeed(debate.id(), debate.orgId(), 0);
            feeds.put(feed.debateId, feed);
            fill(feed, sync.lastSeq(feed.debateId));
            if (feed.lastSeq == 0) {
                // no event yet: it is followed once one arrives
                feeds.remove(feed.debateId);
            } else {
                sendSync(feed, watched(feed.orgId));
            }
        }
    }

    /** The feed's state with its {@code last_seq} to its clients by id and, when {@code toOrg}, to its org's watchers. */
    private void sendSync(DebateFeed feed, boolean toOrg) {
        if (feed.audience.isEmpty() && !toOrg) {
            return;
        }
        sync.find(feed.debateId).flatMap(sync::state).ifPresent(state -> {
            state.put("last_seq", feed.lastSeq);
            String json = protocol.sync(state);
            feed.audience.keySet().forEach(c -> c.offer(json));
            if (toOrg) {
                ByteBuffer utf8 = ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer();
                offerToOrg(feed, feed.orgId, utf8);
                offerToOrg(feed, ALL_ORGS, utf8);
            }
        });
    }

    private List<DebateRecord> changedInWatchedOrgs(Instant since) {
        if (orgWatchers.containsKey(ALL_ORGS)) {
            return sync.changedSince(null, since);
        }
        List<DebateRecord> changed = new ArrayList<>();
        for (String orgId : orgWatchers.keySet()) {
            changed.addAll(sync.changedSince(orgId, since));
        }
        return changed;
    }

    /** Debates with clients subscribed by id. */
    int debatesWatched() {
        int watched = 0;
        for (DebateFeed feed : feeds.values()) {
            watched += feed.audience.isEmpty() ? 0 : 1;
        }
        return watched;
    }

    private void onLocal(DebateEvent event) {
        DebateFeed feed = feeds.get(event.debateId());
        if (feed == null) {
            if (publisher == null && orgWatchers.isEmpty()) {
                return;
            }
            feed = new DebateFeed(event.debateId(), null, event.seq() - 1);
            feeds.put(event.debateId(), feed);
        }
        if (!feed.awaitingOrg.isEmpty() || feed.orgId == null && !feed.orgLookedUp) {
            // held until the org is known (it goes with the event to the other instances); the
            // other debates' events pass meanwhile
            feed.awaitingOrg.add(event);
            if (feed.awaitingOrg.size() == 1) {
                lookUpOrg(feed);
            }
            return;
        }
        publishAndDeliver(feed, event);
    }

    private void lookUpOrg(DebateFeed feed) {
        try {
            lookups.execute(() -> {
                String orgId = sync.find(feed.debateId).map(DebateRecord::orgId).orElse(null);
                run(() -> orgFound(feed, orgId));
            });
        } catch (RejectedExecutionException e) {
            // the stream is stopping: its clients are being closed
        }
    }

    private void orgFound(DebateFeed feed, String orgId) {
        feed.orgLookedUp = true;
        if (feed.orgId == null) {
            feed.orgId = orgId;
        }
        List<DebateEvent> held = List.copyOf(feed.awaitingOrg);
        feed.awaitingOrg.clear();
        for (DebateEvent event : held) {
            publishAndDeliver(feed, event);
        }
    }

    private void publishAndDeliver(DebateFeed feed, DebateEvent event) {
        StreamEvent encoded = encode(event, feed.orgId);
        Consumer<StreamEvent> out = publisher;
        if (out != null) {
            out.accept(encoded);
        }
        deliver(feed, encoded);
    }

    private void onRemote(StreamEvent event) {
        if (ended.containsKey(event.debateId())) {
            return;
        }
        DebateFeed feed = feeds.get(event.debateId());
        if (feed == null) {
            if (!watched(event.orgId())) {
                if (event.last()) {
                    // so that a resync does not send it to an org subscriber that came after its end
                    ended.put(event.debateId(), Boolean.TRUE);
                }
                return;
            }
            // first seen here mid-way: the org's watchers get it whole, from the store
            feed = new DebateFeed(event.debateId(), event.orgId(), 0);
            feeds.put(event.debateId(), feed);
        }
        if (feed.orgId == null) {
            feed.orgId = event.orgId();
        }
        deliver(feed, event);
    }

    private void deliver(DebateFeed feed, StreamEvent event) {
        if (event.seq() <= feed.lastSeq) {
            return;
        }
        if (event.seq() > feed.lastSeq + 1) {
            fill(feed, event.seq() - 1);
        }
        send(feed, event);
    }

    /** Passes on the stored events after the feed's last up to {@code untilSeq}. */
    private void fill(DebateFeed feed, long untilSeq) {
        for (DebateEvent missed : sync.events(feed.debateId, feed.lastSeq, untilSeq)) {
            send(feed, encode(missed, feed.orgId));
        }
        if (feed.lastSeq < untilSeq) {
            LOG.debug("debate {}: events {}-{} are not in the store; passing on what follows", feed.debateId, feed.lastSeq + 1,
                    untilSeq);
        }
    }

    private void send(DebateFeed feed, StreamEvent event) {
        feed.lastSeq = event.seq();
        ByteBuffer utf8 = ByteBuffer.wrap(event.json().getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer();
        int sent = 0;
        for (Map.Entry<StreamConnection, Long> entry : feed.audience.entrySet()) {
            StreamConnection c = entry.getKey();
            if (entry.getValue() >= event.seq()) {
                continue;
            }
            if (c.principal().kind() != AuthPrincipal.Kind.ADMIN && (feed.orgId == null || !c.principal().canSee(feed.orgId))) {
                if (feed.orgId != null) {
                    feed.audience.remove(c);
                    c.subscriptions().remove(feed.debateId);
                }
                continue;
            }
            sent += c.offer(utf8) ? 1 : 0;
        }
        sent += offerToOrg(feed, feed.orgId, utf8);
        sent += offerToOrg(feed, ALL_ORGS, utf8);
        stats.sent(millis.getAsLong(), sent);
        if (event.last()) {
            feeds.remove(feed.debateId);
            ended.put(feed.debateId, Boolean.TRUE);
        }
    }

    private int offerToOrg(DebateFeed feed, String orgKey, ByteBuffer utf8) {
        Set<StreamConnection> watchers = orgKey == null ? null : orgWatchers.get(orgKey);
        if (watchers == null) {
            return 0;
        }
        int sent = 0;
        for (StreamConnection c : watchers) {
            // a client that also subscribed by id has it from there
            if (!feed.audience.containsKey(c)) {
                sent += c.offer(utf8) ? 1 : 0;
            }
        }
        return sent;
    }

    private boolean watched(String orgId) {
        return orgWatchers.containsKey(ALL_ORGS) || orgId != null && orgWatchers.containsKey(orgId);
    }

    private StreamEvent encode(DebateEvent event, String orgId) {
        return new StreamEvent(event.debateId(), orgId, event.seq(), event.type() == EventType.DEBATE_END, protocol.event(event));
    }

    private void run(Runnable task) {
        try {
            fanout.execute(task);
        } catch (RejectedExecutionException e) {
            // the stream is stopping: its clients are being closed
        }
    }
}
