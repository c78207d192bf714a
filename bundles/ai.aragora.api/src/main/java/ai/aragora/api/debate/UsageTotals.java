package ai.aragora.api.debate;

/** Tokens and cost over a whole debate; {@code costUsd} sums what the providers reported. */
public record UsageTotals(long inputTokens, long outputTokens, double costUsd) {

    public static final UsageTotals ZERO = new UsageTotals(0, 0, 0);
}
