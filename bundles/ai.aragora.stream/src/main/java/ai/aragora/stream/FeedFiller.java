package ai.aragora.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.aragora.api.event.DebateEvent;

/**
 * Passes a feed's events on in {@code seq} order, once, and reads from the store what that needs:
 * the events a jump in {@code seq} skipped, those stored before the feed existed or while the bus
 * was away, those passed on before a client's late sync was read, and the state a resync sends.
 * Every read runs on the lookup executor, never on the fan-out thread, which every debate's
 * events wait on. While a feed's events are read, its arriving events are held in order; back on
 * the fan-out thread the events read are passed on, then the held ones, skipping what the feed
 * already passed on. One read per feed at a time; what was asked for meanwhile follows it.
 */
final class FeedFiller {

    private static final Logger LOG = LoggerFactory.getLogger(FeedFiller.class);

    /** A read of the events after {@code from} up to {@code to}; a sync follows it when {@code syncFrom >= 0}. */
    private record Read(long from, long to, long syncFrom) {
    }

    private final Executor lookups;
    private final Consumer<Runnable> fanout;
    private final DebateSync sync;
    private final StreamProtocol protocol;
    private final OrgWatchers orgWatchers;
    private final FeedSender sender;
    private final Consumer<DebateFeed> settled;

    /**
     * @param fanout runs a task on the fan-out thread
     * @param settled told of a feed whose read is back and that reads nothing more, to forget it if nobody follows it
     */
    FeedFiller(Executor lookups, Consumer<Runnable> fanout, DebateSync sync, StreamProtocol protocol, OrgWatchers orgWatchers,
            FeedSender sender, Consumer<DebateFeed> settled) {
        this.lookups = lookups;
        this.fanout = fanout;
        this.sync = sync;
        this.protocol = protocol;
        this.orgWatchers = orgWatchers;
        this.sender = sender;
        this.settled = settled;
    }

    /** Passes the event on after those before it: held while the feed reads, a jump in {@code seq} filled from the store first. */
    void deliver(DebateFeed feed, StreamEvent event) {
        feed.held.addLast(event);
        if (!feed.reading) {
            release(feed, feed.lastSeq);
        }
    }

    /** Adds a client whose sync covered every event up to {@code afterSeq}; what the feed passed on after that reaches it first. */
    void attach(DebateFeed feed, StreamConnection connection, long afterSeq) {
        if (afterSeq >= feed.lastSeq) {
            feed.behind.remove(connection);
            feed.audience.put(connection, afterSeq);
            return;
        }
        // until it has what was passed on since its sync, the feed's next events would reach it out of order
        feed.audience.remove(connection);
        feed.behind.put(connection, afterSeq);
        if (!feed.reading) {
            startRead(feed, feed.lastSeq);
        }
    }

    /**
     * Passes on what the store has after the feed's last event. With {@code thenSync}, the feed's
     * clients by id then get a {@code sync}, as do its org's watchers when events were passed on.
     */
    void catchUp(DebateFeed feed, boolean thenSync) {
        feed.toStored = true;
        if (thenSync && feed.syncFrom < 0) {
            feed.syncFrom = feed.lastSeq;
        }
        if (!feed.reading) {
            startRead(feed, feed.lastSeq);
        }
    }

    /** Passes on the held events in order until one follows a gap beyond {@code readTo}, which the store was not yet asked for. */
    private void release(DebateFeed feed, long readTo) {
        StreamEvent next;
        while ((next = feed.held.peekFirst()) != null) {
            if (next.seq() > Math.max(feed.lastSeq, readTo) + 1) {
                // stays first: with executors that run inline, the read is back before this returns
                startRead(feed, next.seq() - 1);
                return;
            }
            feed.held.removeFirst();
            if (next.seq() > feed.lastSeq) {
                sender.send(feed, next);
            }
        }
    }

    /** Reads up to {@code untilSeq}, and whatever else the feed waits for: its late clients' events, the store's last. */
    private void startRead(DebateFeed feed, long untilSeq) {
        long from = feed.lastSeq;
        for (long after : feed.behind.values()) {
            from = Math.min(from, after);
        }
        long to = Math.max(untilSeq, feed.lastSeq);
        boolean toStored = feed.toStored;
        long syncFrom = feed.syncFrom;
        feed.toStored = false;
        feed.syncFrom = -1;
        feed.reading = true;
        long first = from;
        try {
            lookups.execute(() -> {
                long last = toStored ? Math.max(to, sync.lastSeq(feed.debateId)) : to;
                List<DebateEvent> events = last > first ? sync.events(feed.debateId, first, last) : List.of();
                fanout.accept(() -> readBack(feed, new Read(first, last, syncFrom), events));
            });
        } catch (RejectedExecutionException e) {
            // the stream is stopping: its clients are being closed
        }
    }

    /** Back on the fan-out thread: the late clients' events to them, then the feed's new ones, then what was held. */
    private void readBack(DebateFeed feed, Read read, List<DebateEvent> events) {
        feed.reading = false;
        long had = feed.lastSeq;
        List<StreamConnection> caughtUp = new ArrayList<>();
        for (Map.Entry<StreamConnection, Long> late : feed.behind.entrySet()) {
            if (late.getValue() >= read.from()) {
                caughtUp.add(late.getKey());
            }
        }
        int i = 0;
        for (; i < events.size() && events.get(i).seq() <= had; i++) {
            sender.missed(feed, caughtUp, protocol.encode(events.get(i), feed.orgId));
        }
        for (StreamConnection c : caughtUp) {
            feed.behind.remove(c);
            feed.audience.put(c, had);
        }
        for (; i < events.size(); i++) {
            if (events.get(i).seq() > feed.lastSeq) {
                sender.send(feed, protocol.encode(events.get(i), feed.orgId));
            }
        }
        if (feed.lastSeq < read.to()) {
            LOG.debug("debate {}: events {}-{} are not in the store; passing on what follows", feed.debateId, feed.lastSeq + 1,
                    read.to());
        }
        if (read.syncFrom() >= 0) {
            sendSync(feed, feed.lastSeq > read.syncFrom() && orgWatchers.watched(feed.orgId));
        }
        release(feed, read.to());
        if (!feed.reading && (feed.toStored || !feed.behind.isEmpty())) {
            startRead(feed, feed.lastSeq);
        }
        if (!feed.reading) {
            settled.accept(feed);
        }
    }

    /** The debate's state, read off the fan-out thread; its {@code last_seq} is the feed's when the sync goes out. */
    private void sendSync(DebateFeed feed, boolean toOrg) {
        if (feed.audience.isEmpty() && !toOrg) {
            return;
        }
        try {
            lookups.execute(() -> {
                Optional<Map<String, Object>> state = sync.find(feed.debateId).flatMap(sync::state);
                state.ifPresent(s -> fanout.accept(() -> sender.sync(feed, s, toOrg)));
            });
        } catch (RejectedExecutionException e) {
            // the stream is stopping: its clients are being closed
        }
    }
}
