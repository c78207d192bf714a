package ai.aragora.stream;

import java.util.ArrayList;
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

    DebateFeed(String debateId, String orgId, long lastSeq) {
        this.debateId = debateId;
        this.orgId = orgId;
        this.lastSeq = lastSeq;
    }
}
