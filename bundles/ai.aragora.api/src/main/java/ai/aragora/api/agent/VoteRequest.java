package ai.aragora.api.agent;

import java.util.Map;
import java.util.Objects;

/**
 * Vote for the best proposal. {@code proposals} maps agent names to their current proposal;
 * {@code baseline} marks the independent vote cast right after the first proposals, before any
 * critique.
 */
public record VoteRequest(Turn turn, Map<String, String> proposals, boolean baseline) {

    public VoteRequest {
        Objects.requireNonNull(turn, "turn");
        proposals = Map.copyOf(proposals);
    }
}
