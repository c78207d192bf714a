package ai.aragora.api.agent;

import java.util.Objects;

/** Critique another agent's current proposal; an agent is never asked to critique its own. */
public record CritiqueRequest(Turn turn, String target, String proposal) {

    public CritiqueRequest {
        Objects.requireNonNull(turn, "turn");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(proposal, "proposal");
    }
}
