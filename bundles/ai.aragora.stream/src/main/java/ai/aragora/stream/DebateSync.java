package ai.aragora.stream;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.aragora.api.debate.Message;
import ai.aragora.api.event.DebateEvent;
import ai.aragora.api.storage.DebateRecord;
import ai.aragora.api.storage.DebateStore;
import ai.aragora.wire.DebateWire;

/**
 * What the stream reads from the store: a debate's org, the state a subscriber catches up
 * from, and the events a client missed. Every read tolerates a store that is absent or fails:
 * the stream then carries on with what it has and says so in the log.
 */
final class DebateSync {

    private static final Logger LOG = LoggerFactory.getLogger(DebateSync.class);
    private static final int PAGE = 500;
    /** Debates read back after a broker outage, at most: beyond it, clients subscribed by org may miss some. */
    static final int CHANGED_AT_MOST = 1000;

    private final Supplier<DebateStore> store;
    private final int syncMessages;

    DebateSync(Supplier<DebateStore> store, int syncMessages) {
        this.store = store;
        this.syncMessages = syncMessages;
    }

    boolean hasStore() {
        return store.get() != null;
    }

    Optional<DebateRecord> find(String debateId) {
        DebateStore current = store.get();
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

    /** What a late subscriber needs to catch up: the debate as stored and its transcript so far. */
    Optional<Map<String, Object>> state(DebateRecord debate) {
        DebateStore current = store.get();
        if (current == null) {
            return Optional.empty();
        }
        String debateId = debate.id();
        try {
            List<Map<String, Object>> messages = new ArrayList<>();
            for (Message m : current.messages(debateId, 0, syncMessages).items()) {
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

    /** Debates of {@code orgId} (null: every org) whose record changed at or after {@code since}; none without a store. */
    List<DebateRecord> changedSince(String orgId, Instant since) {
        DebateStore current = store.get();
        if (current == null) {
            return List.of();
        }
        try {
            List<DebateRecord> changed = current.changedSince(orgId, since, CHANGED_AT_MOST);
            if (changed.size() >= CHANGED_AT_MOST) {
                LOG.warn("more than {} debates{} changed since {}: org subscribers get the first {} of them", CHANGED_AT_MOST,
                        orgId == null ? "" : " of org " + orgId, since, CHANGED_AT_MOST);
            }
            return changed;
        } catch (RuntimeException e) {
            LOG.warn("reading the debates changed since {} failed: {}", since, e.toString());
            return List.of();
        }
    }

    /** The sequence number of the debate's last stored event; 0 without a store or events. */
    long lastSeq(String debateId) {
        DebateStore current = store.get();
        if (current == null) {
            return 0;
        }
        try {
            return current.lastEventSeq(debateId);
        } catch (RuntimeException e) {
            LOG.warn("reading the last event of debate {} failed: {}", debateId, e.toString());
            return 0;
        }
    }

    /** Stored events after {@code afterSeq} up to and including {@code untilSeq}, in order; fewer when the store has fewer. */
    List<DebateEvent> events(String debateId, long afterSeq, long untilSeq) {
        DebateStore current = store.get();
        List<DebateEvent> out = new ArrayList<>();
        if (current == null) {
            return out;
        }
        try {
            long from = afterSeq;
            while (from < untilSeq) {
                int want = (int) Math.min(PAGE, untilSeq - from);
                List<DebateEvent> page = current.events(debateId, from, want);
                for (DebateEvent e : page) {
                    if (e.seq() > untilSeq) {
                        return out;
                    }
                    out.add(e);
                    from = e.seq();
                }
                if (page.size() < want) {
                    return out;
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("reading missed events of debate {} failed: {}", debateId, e.toString());
        }
        return out;
    }
}
