package ai.aragora.api.debate;

import java.util.List;

import ai.aragora.api.agent.Vote;

/**
 * The plain vote cast right after the first proposals, before any critique: what a simple
 * majority vote would have decided, so an auditor can compare the debate's outcome with it.
 * {@code winner} is null when nobody voted validly.
 */
public record BaselineVote(String winner, double share, List<Vote> votes) {

    public BaselineVote {
        votes = List.copyOf(votes);
    }
}
