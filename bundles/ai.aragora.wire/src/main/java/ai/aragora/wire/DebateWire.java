package ai.aragora.wire;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import ai.aragora.api.debate.AgentFailure;
import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.debate.Message;
import ai.aragora.api.debate.Participant;
import ai.aragora.api.event.DebateEvent;
import ai.aragora.api.storage.DebateRecord;

/** Debates, messages and events in the shapes existing Aragora clients read, aliases included. */
public final class DebateWire {

    private DebateWire() {
    }

    public static Map<String, Object> summary(DebateRecord r) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", r.id());
        view.put("task", r.spec().task());
        view.put("status", r.status().wire());
        view.put("created_at", r.createdAt().toString());
        view.put("updated_at", r.updatedAt().toString());
        view.put("round_count", r.roundsUsed());
        view.put("agent_count", r.spec().agents().size());
        view.put("has_consensus", r.consensusReached());
        return view;
    }

    /** A debate not yet decided: what was asked and that it is still going. */
    public static Map<String, Object> inProgress(DebateRecord r) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", r.id());
        view.put("debate_id", r.id());
        view.put("task", r.spec().task());
        view.put("status", r.status().wire());
        view.put("agents", r.spec().agents());
        view.put("rounds", r.spec().rounds());
        view.put("rounds_used", r.roundsUsed());
        view.put("in_progress", !r.status().isFinal());
        view.put("created_at", r.createdAt().toString());
        return view;
    }

    public static Map<String, Object> result(DebateResult r, boolean withMessages) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", r.id());
        view.put("debate_id", r.id());
        view.put("task", r.spec().task());
        view.put("status", r.status().wire());
        view.put("final_answer", r.finalAnswer());
        view.put("conclusion", r.finalAnswer());
        view.put("consensus_reached", r.consensusReached());
        view.put("confidence", r.confidence());
        view.put("agreement", r.confidence());
        view.put("verdict", r.verdict() == null ? null : r.verdict().wire());
        view.put("rounds_used", r.roundsUsed());
        view.put("duration_seconds", r.durationSeconds());
        view.put("participants", r.participants().stream().map(Participant::agent).toList());
        view.put("participant_models", r.participants().stream().map(DebateWire::participant).toList());
        view.put("winner", r.winner());
        Map<String, Object> consensus = new LinkedHashMap<>();
        if (r.consensus() != null) {
            consensus.put("reached", r.consensus().reached());
            consensus.put("confidence", r.consensus().confidence());
            consensus.put("supporting_agents", r.consensus().supportingAgents());
            consensus.put("dissenting_agents", r.consensus().dissentingAgents());
            consensus.put("method", r.consensus().method().wire());
        }
        view.put("consensus", consensus);
        view.put("dissenting_views", r.dissentingViews());
        Map<String, Object> baseline = new LinkedHashMap<>();
        if (r.baseline() != null) {
            baseline.put("winner", r.baseline().winner());
            baseline.put("share", r.baseline().share());
        }
        view.put("baseline_vote", baseline);
        view.put("convergence", r.convergence() == null ? null : r.convergence().wire());
        view.put("trickster_interventions", r.tricksterInterventions());
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("input_tokens", r.usage().inputTokens());
        usage.put("output_tokens", r.usage().outputTokens());
        usage.put("cost_usd", r.usage().costUsd());
        view.put("usage", usage);
        view.put("failures", r.failures().stream().map(DebateWire::failure).toList());
        view.put("receipt_id", r.receiptId());
        view.put("prior_knowledge", r.priorKnowledge());
        view.put("created_at", r.createdAt() == null ? null : r.createdAt().toString());
        view.put("completed_at", r.completedAt() == null ? null : r.completedAt().toString());
        view.put("in_progress", false);
        if (withMessages) {
            view.put("messages", r.messages().stream().map(DebateWire::message).toList());
        }
        return view;
    }

    public static Map<String, Object> message(Message m) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("index", m.index());
        view.put("role", m.role());
        view.put("agent", m.agent());
        view.put("content", m.content());
        view.put("round", m.round());
        view.put("timestamp", m.timestamp().toString());
        return view;
    }

    /** A page of events for polling: the events after {@code since} and where to go on from. */
    public static Map<String, Object> events(List<DebateEvent> events, long since) {
        List<Map<String, Object>> items = new ArrayList<>();
        long next = since;
        for (DebateEvent e : events) {
            items.add(event(e));
            next = Math.max(next, e.seq());
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("events", items);
        view.put("next_seq", next);
        return view;
    }

    public static Map<String, Object> participant(Participant p) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("agent", p.agent());
        view.put("provider", p.provider());
        view.put("model", p.model());
        view.put("model_family", p.modelFamily());
        view.put("version", p.version());
        return view;
    }

    /** An agent that failed a step: who, where, how (a kind such as timeout or gone) and what it said. */
    public static Map<String, Object> failure(AgentFailure f) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("agent", f.agent());
        view.put("round", f.round());
        view.put("phase", f.phase());
        view.put("kind", f.kind().name().toLowerCase(Locale.ROOT));
        view.put("message", f.message());
        return view;
    }

    /** One event as the stream sends it and the polling route lists it. */
    public static Map<String, Object> event(DebateEvent e) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("type", e.type().wire());
        item.put("data", e.data());
        item.put("timestamp", e.timestamp().toString());
        item.put("round", e.round());
        item.put("agent", e.agent());
        item.put("seq", e.seq());
        item.put("loop_id", e.debateId());
        return item;
    }
}
