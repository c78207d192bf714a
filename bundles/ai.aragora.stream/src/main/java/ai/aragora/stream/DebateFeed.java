package ai.aragora.stream;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import ai.aragora.api.event.DebateEvent;

/**
 * One debate as this instance's stream sees it: its org, the last event it passed on, and the
 * clients that subscribed to it by id with the last event each already has (its sync covered
 * everything up to there). Changed only on the fan-out thread.
 */
final class DebateFeed {

    final String debateId;
    final Map<StreamConnection, Long> audience = new ConcurrentHashMap<>();
    String orgId;
    /** Whether the store was asked for the org: a debate of no org is not looked up on every event. */
    boolean orgLookedUp;
    /** This instance's events of the debate held while its org is read from the store, in order. */
    final List<DebateEvent> awaitingOrg = new ArrayList<>();
    long lastSeq;
    /** Whether the store is being read for this feed: its events are held meanwhile. */
    boolean reading;
    /** Events to pass on once the read under way is back, in arrival order. */
    final Deque<StreamEvent> held = new ArrayDeque<>();
    /**
     * Clients whose sync ended before {@link #lastSeq}, with where it ended: they join the
     * audience once they have the events passed on in between.
     */
    final Map<StreamConnection, Long> behind = new ConcurrentHashMap<>();
    /** Whether a read up to the store's last event is wanted (a new feed, a resync). */
    boolean toStored;
    /** {@link #lastSeq} when a resync asked for a sync after the next read up to the store's last event; -1 for none. */
    long syncFrom = -1;

    DebateFeed(String debateId, String orgId, long lastSeq) {
        this.debateId = debateId;
        this.orgId = orgId;
        this.lastSeq = lastSeq;
    }
}
