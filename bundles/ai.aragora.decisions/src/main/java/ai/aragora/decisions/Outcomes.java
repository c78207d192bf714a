package ai.aragora.decisions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import ai.aragora.api.agent.Critique;
import ai.aragora.api.agent.Vote;
import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.debate.Participant;

/**
 * A finished debate as a decision's result: the answer, and the explanation of what decided it
 * (the final votes and their weights, the critiques that moved a voter, the baseline vote beside
 * the outcome, the cruxes the signed receipt states, the knowledge used) as fields and a short
 * narrative.
 */
final class Outcomes {

    private Outcomes() {
    }

    /** @param receiptDocument the signed receipt's document, null when none was issued */
    static Map<String, Object> of(DebateResult r, JsonNode receiptDocument) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("answer", r.finalAnswer());
        result.put("confidence", r.confidence());
        result.put("consensus_reached", r.consensusReached());
        result.put("verdict", r.verdict() == null ? null : r.verdict().wire());
        result.put("debate_id", r.id());
        result.put("debate_status", r.status().wire());
        result.put("rounds_used", r.roundsUsed());
        result.put("agents", r.participants().stream().map(Participant::agent).toList());
        result.put("duration_seconds", r.durationSeconds());
        result.put("explanation", explanation(r, receiptDocument));
        return result;
    }

    static Map<String, Object> explanation(DebateResult r, JsonNode receiptDocument) {
        List<Vote> finalVotes = finalVotes(r);
        List<Map<String, Object>> votes = finalVotes.stream().map(v -> Map.<String, Object>of("agent", v.agent(),
                "choice", v.choice(), "weight", v.confidence(), "round", v.round())).toList();
        List<Map<String, Object>> moved = movedBy(r, finalVotes);
        Map<String, Object> baseline = new LinkedHashMap<>();
        if (r.baseline() != null) {
            baseline.put("winner", r.baseline().winner());
            baseline.put("share", r.baseline().share());
        }
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("winner", r.winner());
        outcome.put("confidence", r.confidence());
        outcome.put("consensus_reached", r.consensusReached());
        // The receipt states the cruxes (present with items, or absent with a reason); without one there are none to show.
        JsonNode stated = receiptDocument == null ? null : receiptDocument.get("cruxes");
        Object cruxes = stated == null ? Map.of("status", "absent", "reason", "no receipt was issued")
                : StoredRequests.JSON.convertValue(stated, Object.class);

        Map<String, Object> explanation = new LinkedHashMap<>();
        explanation.put("narrative", narrative(r, finalVotes, moved));
        explanation.put("votes", votes);
        explanation.put("critiques_that_moved_positions", moved);
        explanation.put("baseline", baseline);
        explanation.put("outcome", outcome);
        explanation.put("cruxes", cruxes);
        explanation.put("knowledge_used", r.priorKnowledge());
        explanation.put("dissenting_views", r.dissentingViews());
        return explanation;
    }

    /** The votes of the last round that voted. */
    private static List<Vote> finalVotes(DebateResult r) {
        int last = r.votes().stream().mapToInt(Vote::round).max().orElse(0);
        return r.votes().stream().filter(v -> v.round() == last).toList();
    }

    /** The critiques an agent received before it voted otherwise than in the baseline. */
    private static List<Map<String, Object>> movedBy(DebateResult r, List<Vote> finalVotes) {
        List<Map<String, Object>> moved = new ArrayList<>();
        if (r.baseline() == null) {
            return moved;
        }
        for (Vote last : finalVotes) {
            Vote first = r.baseline().votes().stream().filter(v -> v.agent().equals(last.agent())).findFirst().orElse(null);
            if (first == null || first.choice().equals(last.choice())) {
                continue;
            }
            for (Critique c : r.critiques()) {
                if (c.target().equals(first.choice()) && c.round() <= last.round()) {
                    moved.add(Map.of("voter", last.agent(), "from", first.choice(), "to", last.choice(), "critic", c.agent(),
                            "round", c.round(), "severity", c.severity(), "issues", c.issues()));
                }
            }
        }
        return moved;
    }

    private static String narrative(DebateResult r, List<Vote> finalVotes, List<Map<String, Object>> moved) {
        if (r.winner() == null) {
            return "The debate ended " + r.status().wire() + " without a decision.";
        }
        StringBuilder text = new StringBuilder(256);
        long backers = finalVotes.stream().filter(v -> v.choice().equals(r.winner())).count();
        text.append(r.winner()).append("'s answer was chosen by ").append(backers).append(" of ").append(finalVotes.size())
                .append(" final votes (confidence ").append(String.format(java.util.Locale.ROOT, "%.2f", r.confidence()))
                .append(r.consensusReached() ? ", consensus reached" : ", without consensus").append(").");
        if (r.baseline() != null) {
            text.append(r.baseline().winner().equals(r.winner()) ? " The independent first vote already favoured it."
                    : " The independent first vote favoured " + r.baseline().winner() + " instead.");
        }
        if (!moved.isEmpty()) {
            text.append(' ').append(moved.stream().map(m -> m.get("voter")).distinct().count())
                    .append(" voter(s) changed their choice after critiques.");
        }
        if (!r.dissentingViews().isEmpty()) {
            text.append(' ').append(r.dissentingViews().size()).append(" dissenting view(s) remain.");
        }
        return text.toString();
    }
}
