package ai.aragora.api.debate;

/** How the votes become a decision. */
public enum ConsensusMode {
    /** The leading choice's share reaches the threshold (0.6 by default). */
    MAJORITY,
    /** At least two thirds. */
    SUPERMAJORITY,
    /** Everyone. */
    UNANIMOUS,
    /** Votes weighted by the voter's rating and calibration. */
    WEIGHTED,
    /** Any agreement at all: the leading choice wins. */
    ANY,
    /** A judge agent synthesises the answer; falls back to majority, then to a plain count. */
    JUDGE,
    /** No decision: the proposals side by side. */
    NONE;

    public String wire() {
        return WireNames.of(this);
    }

    public static ConsensusMode parse(String raw) {
        return WireNames.parse(ConsensusMode.class, "consensus", raw);
    }
}
