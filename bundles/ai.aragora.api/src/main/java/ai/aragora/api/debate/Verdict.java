package ai.aragora.api.debate;

/** The decision in a word, as the receipt's claim states it. */
public enum Verdict {
    APPROVED, APPROVED_WITH_CONDITIONS, NEEDS_REVIEW, REJECTED;

    public String wire() {
        return WireNames.of(this);
    }

    public static Verdict parse(String raw) {
        return WireNames.parse(Verdict.class, "verdict", raw);
    }
}
