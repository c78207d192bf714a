package ai.aragora.api.agent;

import java.util.List;
import java.util.Objects;

/**
 * Propose (round 1: {@code previous} is null) or revise (later rounds: the agent's own last
 * proposal, the critiques it received, and any challenge the engine raised against hollow
 * agreement).
 */
public record ProposalRequest(Turn turn, String previous, List<Critique> critiques, List<String> challenges) {

    public ProposalRequest {
        Objects.requireNonNull(turn, "turn");
        critiques = critiques == null ? List.of() : List.copyOf(critiques);
        challenges = challenges == null ? List.of() : List.copyOf(challenges);
    }

    public boolean isRevision() {
        return previous != null;
    }
}
