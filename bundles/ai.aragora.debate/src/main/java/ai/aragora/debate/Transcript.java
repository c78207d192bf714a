package ai.aragora.debate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.debate.Message;
import ai.aragora.api.event.DebateEvent;
import ai.aragora.api.event.EventType;
import ai.aragora.api.resilience.FallbackNotice;

/**
 * What a debate said (its messages, numbered in order) and announced (its events, numbered in
 * order), and what of it the next write is to store.
 */
final class Transcript {

    private final String debateId;
    private final ArrayList<Message> messages = new ArrayList<>(48);
    private ArrayList<Message> pendingMessages = new ArrayList<>(8);
    private ArrayList<DebateEvent> pendingEvents = new ArrayList<>(8);
    private long seq;

    Transcript(String debateId) {
        this.debateId = debateId;
    }

    /** The transcript of a resumed debate: what is stored goes on, numbered after it. */
    Transcript(String debateId, List<Message> stored, long lastSeq) {
        this.debateId = debateId;
        this.messages.addAll(stored);
        this.seq = lastSeq;
    }

    Message say(String role, String agent, String content, int round, Instant at) {
        Message m = new Message(messages.size(), role, agent, content, round, at);
        messages.add(m);
        pendingMessages.add(m);
        return m;
    }

    void emit(EventType type, int round, String agent, Instant at, Map<String, Object> data) {
        pendingEvents.add(new DebateEvent(debateId, ++seq, type, at, round, agent, data));
    }

    /** The debate ended: its {@code debate_end} event. */
    void end(DebateResult done, Instant at) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("status", Wire.of(done.status()));
        if (done.verdict() != null) {
            data.put("verdict", Wire.of(done.verdict()));
            data.put("confidence", done.confidence());
        }
        data.put("rounds_used", done.roundsUsed());
        data.put("duration_seconds", done.durationSeconds());
        if (done.receiptId() != null) {
            data.put("receipt_id", done.receiptId());
        }
        emit(EventType.DEBATE_END, 0, null, at, data);
    }

    /** A provider rerouted one of the debate's calls. */
    void fallback(FallbackNotice n) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("agent", n.agent());
        data.put("reason", n.reason());
        if (n.fromModel() != null) {
            data.put("from_model", n.fromModel());
        }
        if (n.toModel() != null) {
            data.put("to_model", n.toModel());
        }
        if (n.fallbackProvider() != null) {
            data.put("fallback_provider", n.fallbackProvider());
        }
        emit(EventType.AGENT_FALLBACK_TRIGGERED, n.round(), n.agent(), n.at(), data);
    }

    /** Every message so far (the list itself: a result copies it). */
    List<Message> messages() {
        return messages;
    }

    /** The messages not yet handed to a write. */
    List<Message> takeMessages() {
        if (pendingMessages.isEmpty()) {
            return List.of();
        }
        List<Message> taken = pendingMessages;
        pendingMessages = new ArrayList<>(8);
        return taken;
    }

    /** The events not yet handed to a write. */
    List<DebateEvent> takeEvents() {
        if (pendingEvents.isEmpty()) {
            return List.of();
        }
        List<DebateEvent> taken = pendingEvents;
        pendingEvents = new ArrayList<>(8);
        return taken;
    }
}
