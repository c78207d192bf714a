package ai.aragora.stream;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import ai.aragora.api.event.DebateEvent;
import ai.aragora.api.storage.DebateRecord;

/**
 * Takes each event from where it happened (a debate on this instance, or another instance over
 * the cluster bus) to the clients that follow its debate, by id or by org. A debate's thread
 * only queues the event here; one fan-out thread encodes it once, publishes it for the other
 * instances and queues it for each client's writer, woken once the events queued meanwhile are
 * passed on too (see {@link Burst}). Because every change of a debate's
 * audience and every delivery happens on that thread, each client gets a debate's events in
 * {@code seq} order, once: an event at or below what a client already has is skipped, and a
 * jump in {@code seq} is filled from the store before the event is passed on. The fan-out thread
 * never reads the store itself: a debate's org is read on the lookup executor while its events
 * wait, and so is every fill (see {@link FeedFiller}), so a slow read holds up one debate only.
 */
final class EventRouter {

    /** Org watchers' key for an operator who follows every org. */
    static final String ALL_ORGS = OrgWatchers.ALL_ORGS;
    /** Debates that ended recently: a late copy of one of their events starts nothing again. */
    private static final int ENDED_REMEMBERED = 10_000;

    private final Executor fanout;
    private final Executor lookups;
    private final StreamProtocol protocol;
    private final DebateSync sync;
    private final OrgWatchers orgWatchers = new OrgWatchers();
    private final FeedFiller filler;
    private final Map<String, DebateFeed> feeds = new ConcurrentHashMap<>();
    private final Burst burst = new Burst(System::nanoTime);
    /** Tasks queued on the fan-out thread and not yet run: the clients' writers are woken when it runs out. */
    private final AtomicInteger queued = new AtomicInteger();
    private final Map<String, Boolean> ended = new LinkedHashMap<>() {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > ENDED_REMEMBERED;
        }
    };
    private volatile Consumer<StreamEvent> publisher;

    /**
     * @param lookups where the store is read: never the fan-out thread, which every event waits on
     */
    EventRouter(Executor fanout, Executor lookups, StreamProtocol protocol, DebateSync sync, StreamStats stats, LongSupplier millis) {
        this.fanout = fanout;
        this.lookups = lookups;
        this.protocol = protocol;
        this.sync = sync;
        FeedSender sender = new FeedSender(protocol, orgWatchers, stats, millis, this::ended, burst);
        this.filler = new FeedFiller(lookups, this::run, sync, protocol, orgWatchers, sender, this::forgetIfUnfollowed);
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
                feed = new DebateFeed(debateId, orgId, orgWatchers.watched(orgId) ? 0 : afterSeq);
                feeds.put(debateId, feed);
                feed.audience.put(connection, afterSeq);
                // an event stored after the sync was read but announced before the feed existed passed by
                filler.catchUp(feed, false);
                return;
            }
            if (feed.orgId == null) {
                feed.orgId = orgId;
            }
            filler.attach(feed, connection, afterSeq);
        });
    }

    void detach(StreamConnection connection, String debateId) {
        run(() -> {
            DebateFeed feed = feeds.get(debateId);
            if (feed != null && (feed.audience.remove(connection) != null || feed.behind.remove(connection) != null)) {
                forgetIfUnfollowed(feed);
            }
        });
    }

    /** Follows every debate of {@code orgKey} (an org id, or {@link #ALL_ORGS}) from its next event on. */
    void watchOrg(StreamConnection connection, String orgKey) {
        orgWatchers.watch(connection, orgKey);
    }

    void unwatchOrg(StreamConnection connection, String orgKey) {
        orgWatchers.unwatch(connection, orgKey);
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
            // a copy: a feed whose last event is passed on leaves the map
            for (DebateFeed feed : List.copyOf(feeds.values())) {
                // filled now, its org's watchers would miss what the events held for its org bring
                if (feed.awaitingOrg.isEmpty()) {
                    filler.catchUp(feed, true);
                }
            }
        });
        try {
            // the change time has no index, and live events should not wait on the scan
            lookups.execute(() -> {
                List<DebateRecord> changed = orgWatchers.changedSince(sync, since);
                run(() -> passOnChanged(changed));
            });
        } catch (RejectedExecutionException e) {
            // the stream is stopping: its clients are being closed
        }
    }

    /** The debates no feed here knew of, each from its first stored event, then a sync to its org's watchers. */
    private void passOnChanged(List<DebateRecord> changed) {
        for (DebateRecord debate : changed) {
            // a feed may have started meanwhile from an event over the bus: it fills the debate from the store itself
            if (feeds.containsKey(debate.id()) || ended.containsKey(debate.id())) {
                continue;
            }
            DebateFeed feed = new DebateFeed(debate.id(), debate.orgId(), 0);
            feeds.put(feed.debateId, feed);
            // one with no event yet is forgotten once that is known, and followed when one arrives
            filler.catchUp(feed, true);
        }
    }

    /** Debates with clients subscribed by id. */
    int debatesWatched() {
        int watched = 0;
        for (DebateFeed feed : feeds.values()) {
            watched += feed.audience.isEmpty() && feed.behind.isEmpty() ? 0 : 1;
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
        StreamEvent encoded = protocol.encode(event, feed.orgId);
        Consumer<StreamEvent> out = publisher;
        if (out != null) {
            out.accept(encoded);
        }
        filler.deliver(feed, encoded);
    }

    private void onRemote(StreamEvent event) {
        if (ended.containsKey(event.debateId())) {
            return;
        }
        DebateFeed feed = feeds.get(event.debateId());
        if (feed == null) {
            if (!orgWatchers.watched(event.orgId())) {
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
        filler.deliver(feed, event);
    }

    private void ended(DebateFeed feed) {
        feeds.remove(feed.debateId, feed);
        ended.put(feed.debateId, Boolean.TRUE);
    }

    /**
     * Forgets a feed nobody here follows and that waits for nothing: one without events yet, or
     * any when no other instance takes this one's events and no org watcher here wants it.
     */
    private void forgetIfUnfollowed(DebateFeed feed) {
        if (!feed.reading && feed.audience.isEmpty() && feed.behind.isEmpty() && feed.awaitingOrg.isEmpty()
                && (feed.lastSeq == 0 || publisher == null && !orgWatchers.watched(feed.orgId))) {
            feeds.remove(feed.debateId, feed);
        }
    }

    /** Queues the task on the fan-out thread; the last queued one, or one ending late, wakes the writers of what was queued. */
    private void run(Runnable task) {
        queued.incrementAndGet();
        try {
            fanout.execute(() -> {
                try {
                    task.run();
                } finally {
                    if (queued.decrementAndGet() == 0 || burst.due()) {
                        burst.release();
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            // the stream is stopping: its clients are being closed
            queued.decrementAndGet();
        }
    }
}
