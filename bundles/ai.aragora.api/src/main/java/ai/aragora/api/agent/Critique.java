package ai.aragora.api.agent;

import java.util.List;
import java.util.Objects;

/**
 * One agent's critique of another's proposal: the issues, suggestions, a severity from 0
 * (nothing wrong) to 10 (fatal) and the reasoning.
 */
public record Critique(String agent, String target, int round, List<String> issues, List<String> suggestions,
        double severity, String reasoning, Usage usage) {

    public Critique {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(target, "target");
        issues = issues == null ? List.of() : List.copyOf(issues);
        suggestions = suggestions == null ? List.of() : List.copyOf(suggestions);
        if (!(severity >= 0 && severity <= 10)) {
            throw new IllegalArgumentException("severity must be between 0 and 10, got " + severity);
        }
        reasoning = reasoning == null ? "" : reasoning;
        usage = usage == null ? Usage.NONE : usage;
    }

    public Critique inRound(int round) {
        return new Critique(agent, target, round, issues, suggestions, severity, reasoning, usage);
    }
}
