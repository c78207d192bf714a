package ai.aragora.stream;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import ai.aragora.api.storage.DebateRecord;

/** The clients that follow every debate of an org, or of every org, from its next event on. */
final class OrgWatchers {

    /** The key of an operator who follows every org. */
    static final String ALL_ORGS = "*";

    private final Map<String, Set<StreamConnection>> byOrg = new ConcurrentHashMap<>();

    /** {@code orgKey}: an org id, or {@link #ALL_ORGS}. */
    void watch(StreamConnection connection, String orgKey) {
        byOrg.computeIfAbsent(orgKey, k -> ConcurrentHashMap.newKeySet()).add(connection);
    }

    void unwatch(StreamConnection connection, String orgKey) {
        byOrg.computeIfPresent(orgKey, (k, set) -> {
            set.remove(connection);
            return set.isEmpty() ? null : set;
        });
    }

    boolean isEmpty() {
        return byOrg.isEmpty();
    }

    /** Whether anyone here follows the org's debates; null is no org. */
    boolean watched(String orgId) {
        return byOrg.containsKey(ALL_ORGS) || orgId != null && byOrg.containsKey(orgId);
    }

    /** Queues a message of the feed's debate for its org's watchers and every org's; returns how many took it. */
    int offer(DebateFeed feed, ByteBuffer utf8, Burst burst) {
        return offer(feed, feed.orgId, utf8, burst) + offer(feed, ALL_ORGS, utf8, burst);
    }

    private int offer(DebateFeed feed, String orgKey, ByteBuffer utf8, Burst burst) {
        Set<StreamConnection> watchers = orgKey == null ? null : byOrg.get(orgKey);
        if (watchers == null) {
            return 0;
        }
        int sent = 0;
        for (StreamConnection c : watchers) {
            // a client that also subscribed by id has it from there
            if (!feed.audience.containsKey(c) && !feed.behind.containsKey(c)) {
                sent += burst.queue(c, utf8) ? 1 : 0;
            }
        }
        return sent;
    }

    /** The debates of the watched orgs whose record changed at or after {@code since}: a store read. */
    List<DebateRecord> changedSince(DebateSync sync, Instant since) {
        if (byOrg.containsKey(ALL_ORGS)) {
            return sync.changedSince(null, since);
        }
        List<DebateRecord> changed = new ArrayList<>();
        for (String orgId : byOrg.keySet()) {
            changed.addAll(sync.changedSince(orgId, since));
        }
        return changed;
    }
}
