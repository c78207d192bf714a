package ai.aragora.api.debate;

import java.util.List;

/**
 * Tokens and cost over a whole debate; {@code costUsd} sums what the providers reported.
 * {@code byAgent} splits the same totals by agent and model (empty for debates stored before
 * the split was kept).
 */
public record UsageTotals(long inputTokens, long outputTokens, double costUsd, List<AgentUsage> byAgent) {

    public static final UsageTotals ZERO = new UsageTotals(0, 0, 0);

    public UsageTotals {
        byAgent = byAgent == null ? List.of() : List.copyOf(byAgent);
    }

    /** Totals without the split by agent. */
    public UsageTotals(long inputTokens, long outputTokens, double costUsd) {
        this(inputTokens, outputTokens, costUsd, List.of());
    }
}
