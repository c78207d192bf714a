package ai.aragora.api.knowledge;

import java.util.Locale;

/**
 * What a node states, named on the wire in lower snake case ({@code critique_pattern}). {@link #COST}
 * (tokens, money, budgets) and {@link #TREND} (how often topics were debated, per time window) are
 * bookkeeping: searchable, never given to a debate as prior knowledge.
 */
public enum NodeKind {
    FACT, CLAIM, EVIDENCE, CONSENSUS, CRITIQUE_PATTERN, BELIEF, CRUX, INSIGHT, RANKING, RATING, COST, TREND;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the accepted kinds */
    public static NodeKind of(String wire) {
        return Wire.parse(NodeKind.class, "node_type", wire);
    }
}
