package ai.aragora.api.decision;

/** Where a decision is. The last four are final. */
public enum DecisionStatus {
    PENDING, PROCESSING, COMPLETED, FAILED, CANCELLED, TIMEOUT;

    public boolean isFinal() {
        return this != PENDING && this != PROCESSING;
    }

    /** Only a decision that did not complete may be run again. */
    public boolean retryable() {
        return this == FAILED || this == CANCELLED || this == TIMEOUT;
    }

    public String wire() {
        return Wire.of(this);
    }

    public static DecisionStatus parse(String raw) {
        return Wire.parse(DecisionStatus.class, "status", raw);
    }
}
