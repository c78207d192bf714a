package ai.aragora.api.agent;

import java.util.Objects;

/**
 * A judge's decision: the final answer, the agent whose proposal it mostly adopts (null when
 * it is a genuine blend), the judge's confidence and reasoning.
 */
public record Synthesis(String agent, String finalAnswer, String adopted, double confidence, String reasoning,
        Usage usage) {

    public Synthesis {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(finalAnswer, "finalAnswer");
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be between 0 and 1, got " + confidence);
        }
        reasoning = reasoning == null ? "" : reasoning;
        usage = usage == null ? Usage.NONE : usage;
    }
}
