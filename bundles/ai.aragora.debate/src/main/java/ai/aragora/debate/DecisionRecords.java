package ai.aragora.debate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import ai.aragora.api.agent.Vote;
import ai.aragora.api.debate.ConsensusMode;
import ai.aragora.api.debate.ConsensusOutcome;
import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.debate.Message;
import ai.aragora.api.debate.Participant;
import ai.aragora.api.rating.Calibration;
import ai.aragora.api.rating.RatingService;
import ai.aragora.api.receipt.DecisionRecord;

/** What a receipt states about a decided debate, taken from its result and nothing else. */
final class DecisionRecords {

    private DecisionRecords() {
    }

    /**
     * @param calibration each final voter's calibration as it adjusted the vote confidences
     *        ({@link #calibration}); empty when no rating service calibrated them
     */
    static DecisionRecord of(DebateResult r, List<Calibration> calibration) {
        ConsensusOutcome c = r.consensus();
        DecisionRecord.Consensus consensus = new DecisionRecord.Consensus(c.method().wire(), c.reached(),
                c.method() == ConsensusMode.NONE ? Optional.empty() : Optional.of(c.confidence()));
        List<DecisionRecord.Dissent> dissent = new ArrayList<>(c.dissentingAgents().size());
        for (int i = 0; i < c.dissentingAgents().size(); i++) {
            String agent = c.dissentingAgents().get(i);
            String view = i < r.dissentingViews().size() ? r.dissentingViews().get(i) : "";
            dissent.add(new DecisionRecord.Dissent(agent, view.startsWith(agent + ": ") ? view.substring(agent.length() + 2) : view));
        }
        List<DecisionRecord.Participant> participants = new ArrayList<>(r.participants().size());
        for (Participant p : r.participants()) {
            participants.add(new DecisionRecord.Participant(p.agent(), p.modelFamily(), p.model()));
        }
        Optional<DecisionRecord.BaselineVote> baseline = r.baseline() == null || r.baseline().winner() == null
                ? Optional.empty()
                : Optional.of(new DecisionRecord.BaselineVote(r.baseline().winner(), r.baseline().share()));
        return new DecisionRecord(r.id(), r.spec().task(), DecisionRecord.Verdict.valueOf(r.verdict().name()),
                Optional.ofNullable(r.finalAnswer()), Optional.of(summary(r)), consensus, c.supportingAgents(), dissent,
                participants, baseline, new DecisionRecord.Usage(r.usage().inputTokens(), r.usage().outputTokens(),
                        r.usage().costUsd()),
                r.createdAt(), r.completedAt() != null ? r.completedAt() : r.createdAt(), Optional.empty(),
                DebateEvidence.of(r, calibration));
    }

    /**
     * The calibration of each of the final round's voters, read from the rating service that
     * adjusted their confidences: to be read before the debate's own result is rated, which adds
     * its votes to the curves. Empty without a rating service; an agent it cannot answer for is left out.
     */
    static List<Calibration> calibration(RatingService ratings, DebateResult decided) {
        if (ratings == null) {
            return List.of();
        }
        List<Calibration> snapshot = new ArrayList<>();
        for (String agent : DebateEvidence.finalVoters(decided)) {
            try {
                snapshot.add(ratings.calibration(agent));
            } catch (RuntimeException e) {
                // no calibration is stated for it rather than an invented one
            }
        }
        return snapshot;
    }

    /** How the decision came about, in a few plain sentences. */
    static String summary(DebateResult r) {
        ConsensusOutcome c = r.consensus();
        int finalVotes = 0;
        int backing = 0;
        for (Vote v : r.votes()) {
            if (v.round() == r.roundsUsed()) {
                finalVotes++;
                if (v.choice().equals(r.winner())) {
                    backing++;
                }
            }
        }
        StringBuilder text = new StringBuilder(256);
        String rounds = r.roundsUsed() + (r.roundsUsed() == 1 ? " round" : " rounds");
        switch (c.method()) {
            case NONE -> text.append("No decision was asked for: the ").append(r.participants().size())
                    .append(" agents' final proposals stand side by side after ").append(rounds).append('.');
            case JUDGE -> {
                String judge = judgeOf(r);
                text.append(judge != null ? "Judge " + judge + " synthesised the final answer" : "The judge gave no answer; the votes decided")
                        .append(" after ").append(rounds);
                if (r.winner() != null) {
                    text.append(", adopting ").append(r.winner()).append("'s proposal");
                }
                text.append('.');
            }
            default -> {
                text.append(c.method().wire()).append(" vote after ").append(rounds).append(": ");
                if (r.winner() == null) {
                    text.append("no valid votes.");
                } else {
                    text.append(backing).append(" of ").append(finalVotes).append(" valid votes backed ").append(r.winner())
                            .append("'s proposal; consensus ").append(c.reached() ? "reached" : "not reached").append('.');
                }
            }
        }
        if (r.tricksterInterventions() > 0) {
            text.append(' ').append(r.tricksterInterventions())
                    .append(r.tricksterInterventions() == 1 ? " challenge" : " challenges")
                    .append(" to agreement without evidence lowered the confidence.");
        }
        if (r.convergence() != null) {
            text.append(" Proposals were ").append(r.convergence().wire()).append(" in the last round.");
        }
        if (!r.failures().isEmpty()) {
            text.append(' ').append(r.failures().size()).append(r.failures().size() == 1 ? " agent call" : " agent calls")
                    .append(" failed.");
        }
        return text.toString();
    }

    private static String judgeOf(DebateResult r) {
        for (int i = r.messages().size() - 1; i >= 0; i--) {
            Message m = r.messages().get(i);
            if (Roles.JUDGE.equals(m.role())) {
                return m.agent();
            }
        }
        return null;
    }
}
