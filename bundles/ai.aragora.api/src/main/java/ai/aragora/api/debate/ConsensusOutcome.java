package ai.aragora.api.debate;

import java.util.List;
import java.util.Objects;

/**
 * Whether real consensus was reached, with what confidence (the leading choice's share of the
 * weighted votes, lowered by hollow-consensus interventions), who supported and who dissented.
 */
public record ConsensusOutcome(boolean reached, double confidence, List<String> supportingAgents,
        List<String> dissentingAgents, ConsensusMode method, String winner) {

    public ConsensusOutcome {
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be between 0 and 1, got " + confidence);
        }
        supportingAgents = List.copyOf(supportingAgents);
        dissentingAgents = List.copyOf(dissentingAgents);
        Objects.requireNonNull(method, "method");
    }
}
