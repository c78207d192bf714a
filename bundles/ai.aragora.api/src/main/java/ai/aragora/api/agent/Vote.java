package ai.aragora.api.agent;

import java.util.Objects;

/**
 * A vote: the agent whose proposal the voter backs, how confident it is (0-1), why, and
 * whether it wants the debate to go on.
 */
public record Vote(String agent, String choice, int round, double confidence, String reasoning, boolean continueDebate,
        Usage usage) {

    public Vote {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(choice, "choice");
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be between 0 and 1, got " + confidence);
        }
        reasoning = reasoning == null ? "" : reasoning;
        usage = usage == null ? Usage.NONE : usage;
    }

    public Vote inRound(int round) {
        return new Vote(agent, choice, round, confidence, reasoning, continueDebate, usage);
    }

    public Vote withConfidence(double adjusted) {
        return new Vote(agent, choice, round, adjusted, reasoning, continueDebate, usage);
    }
}
