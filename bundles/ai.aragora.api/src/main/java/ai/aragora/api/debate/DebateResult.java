package ai.aragora.api.debate;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import ai.aragora.api.agent.Critique;
import ai.aragora.api.agent.Vote;

/**
 * Everything the engine decided about one debate: the answer and verdict, the consensus and
 * its dissent, the plain-vote baseline, the full transcript with critiques and votes of every
 * round, the agents (with the models that answered), their failures, and what it cost.
 * {@code receiptId} is null until the decision receipt is issued; {@code priorKnowledge} names the
 * Knowledge Mound nodes the debate was given when it started.
 */
public record DebateResult(
        String id,
        DebateSpec spec,
        DebateStatus status,
        String finalAnswer,
        ConsensusOutcome consensus,
        Verdict verdict,
        int roundsUsed,
        double durationSeconds,
        List<Participant> participants,
        String winner,
        List<String> dissentingViews,
        List<Message> messages,
        List<Critique> critiques,
        List<Vote> votes,
        BaselineVote baseline,
        Convergence convergence,
        int tricksterInterventions,
        List<AgentFailure> failures,
        UsageTotals usage,
        Instant createdAt,
        Instant completedAt,
        String receiptId,
        List<String> priorKnowledge) {

    public DebateResult {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(status, "status");
        participants = List.copyOf(participants);
        dissentingViews = List.copyOf(dissentingViews);
        messages = List.copyOf(messages);
        critiques = List.copyOf(critiques);
        votes = List.copyOf(votes);
        failures = List.copyOf(failures);
        usage = usage == null ? UsageTotals.ZERO : usage;
        priorKnowledge = priorKnowledge == null ? List.of() : List.copyOf(priorKnowledge);
    }

    /** A result of a debate given no prior knowledge. */
    public DebateResult(String id, DebateSpec spec, DebateStatus status, String finalAnswer, ConsensusOutcome consensus,
            Verdict verdict, int roundsUsed, double durationSeconds, List<Participant> participants, String winner,
            List<String> dissentingViews, List<Message> messages, List<Critique> critiques, List<Vote> votes,
            BaselineVote baseline, Convergence convergence, int tricksterInterventions, List<AgentFailure> failures,
            UsageTotals usage, Instant createdAt, Instant completedAt, String receiptId) {
        this(id, spec, status, finalAnswer, consensus, verdict, roundsUsed, durationSeconds, participants, winner,
                dissentingViews, messages, critiques, votes, baseline, convergence, tricksterInterventions, failures, usage,
                createdAt, completedAt, receiptId, List.of());
    }

    public boolean consensusReached() {
        return consensus != null && consensus.reached();
    }

    public double confidence() {
        return consensus == null ? 0 : consensus.confidence();
    }

    public DebateResult withMessages(List<Message> transcript) {
        return new DebateResult(id, spec, status, finalAnswer, consensus, verdict, roundsUsed, durationSeconds,
                participants, winner, dissentingViews, transcript, critiques, votes, baseline, convergence,
                tricksterInterventions, failures, usage, createdAt, completedAt, receiptId, priorKnowledge);
    }

    public DebateResult withReceipt(String receipt) {
        return new DebateResult(id, spec, status, finalAnswer, consensus, verdict, roundsUsed, durationSeconds,
                participants, winner, dissentingViews, messages, critiques, votes, baseline, convergence,
                tricksterInterventions, failures, usage, createdAt, completedAt, receipt, priorKnowledge);
    }
}
