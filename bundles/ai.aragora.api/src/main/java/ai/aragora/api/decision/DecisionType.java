package ai.aragora.api.decision;

/** How a decision is reached. */
public enum DecisionType {
    /** A debate among the configured agents. */
    DEBATE,
    /** One agent answers; the answer is still signed in a receipt. */
    QUICK,
    /** A debate plus an adversarial round: a contrarian agent attacks the leading answer before the final vote. */
    GAUNTLET;

    public String wire() {
        return Wire.of(this);
    }

    public static DecisionType parse(String raw) {
        return Wire.parse(DecisionType.class, "decision_type", raw);
    }
}
