package ai.aragora.debate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.aragora.api.agent.Synthesis;
import ai.aragora.api.debate.ConsensusMode;
import ai.aragora.api.debate.ConsensusOutcome;
import ai.aragora.api.debate.DebateSpec;
import ai.aragora.api.debate.DebateStatus;
import ai.aragora.api.debate.Verdict;

/**
 * What a debate decided, by the rules of its consensus mode (decision 0008, "Semantics"), from its
 * last vote, the judge's synthesis, and the Trickster's challenges.
 *
 * @param note a system message that says how the decision came about, or null
 */
record Conclusion(DebateStatus outcome, String answer, ConsensusOutcome consensus, Verdict verdict, List<String> views,
        String note) {

    /**
     * @param t the last completed vote, null when none completed
     * @param judgeProblem why a judge-mode debate has no synthesis, if it knows
     */
    static Conclusion reach(DebateSpec spec, Seats seats, VoteTally t, Synthesis synthesis, String judgeProblem,
            int interventions) {
        ConsensusMode mode = spec.consensus();
        int quorum = VoteTally.quorum(seats.size());
        DebateStatus outcome = null;
        String note = null;
        boolean reached;
        double confidence;
        String winner;
        String answer;
        List<String> supporters;
        List<String> dissenters;
        if (t == null || t.validVotes() < quorum) {
            outcome = DebateStatus.INSUFFICIENT_PARTICIPATION;
            reached = false;
            confidence = 0;
            winner = t == null ? null : t.leader();
            answer = seats.proposalOf(winner);
            supporters = winner == null ? List.of() : t.backers(winner);
            dissenters = winner == null ? List.of() : t.opponents(winner);
            note = "Insufficient participation: " + (t == null ? 0 : t.validVotes()) + " valid votes of "
                    + seats.size() + " agents; a decision needs " + quorum + ".";
        } else if (mode == ConsensusMode.NONE) {
            reached = false;
            confidence = t.share();
            winner = null;
            answer = TranscriptText.sideBySide(seats.all);
            supporters = List.of();
            dissenters = List.of();
        } else if (mode == ConsensusMode.JUDGE && synthesis != null) {
            reached = true;
            confidence = synthesis.confidence();
            winner = synthesis.adopted() != null && seats.indexOf(synthesis.adopted()) >= 0 ? synthesis.adopted() : null;
            answer = synthesis.finalAnswer();
            supporters = winner != null ? t.backers(winner) : t.voters();
            dissenters = winner != null ? t.opponents(winner) : List.of();
        } else {
            winner = t.leader();
            confidence = t.share();
            answer = seats.proposalOf(winner);
            supporters = t.backers(winner);
            dissenters = t.opponents(winner);
            if (mode == ConsensusMode.JUDGE) {
                boolean majority = t.reached(ConsensusMode.MAJORITY, spec.threshold());
                reached = majority || t.hasSingleLeader();
                note = (judgeProblem != null ? judgeProblem : "the judge gave no synthesis")
                        + (majority ? "; decided by majority vote." : "; decided by a plain vote count.");
            } else {
                // One voice is an answer, never a consensus.
                reached = seats.size() > 1 && t.reached(mode, spec.threshold());
            }
        }
        if (outcome == null) {
            confidence = Trickster.penalized(confidence, interventions);
            outcome = reached ? DebateStatus.CONSENSUS_REACHED : DebateStatus.COMPLETED;
        }
        confidence = Decimals.round(confidence, 4);
        List<String> views = new ArrayList<>(dissenters.size());
        for (String d : dissenters) {
            String view = seats.proposalOf(d);
            views.add(d + ": " + (view != null ? view : "(no proposal)"));
        }
        Verdict verdict = VerdictTable.verdict(reached, confidence, !dissenters.isEmpty());
        ConsensusOutcome consensus = new ConsensusOutcome(reached, confidence, supporters, dissenters, mode, winner);
        return new Conclusion(outcome, answer, consensus, verdict, views, note);
    }

    String winner() {
        return consensus.winner();
    }

    /** Whether the debate decided something that ratings score (not so without a quorum). */
    boolean rated() {
        return outcome != DebateStatus.INSUFFICIENT_PARTICIPATION;
    }

    /** The data of the {@code consensus} event. */
    Map<String, Object> eventData() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("reached", consensus.reached());
        data.put("confidence", consensus.confidence());
        data.put("method", Wire.of(consensus.method()));
        data.put("supporting_agents", consensus.supportingAgents());
        data.put("dissenting_agents", consensus.dissentingAgents());
        data.put("verdict", Wire.of(verdict));
        if (consensus.winner() != null) {
            data.put("winner", consensus.winner());
        }
        return data;
    }
}
