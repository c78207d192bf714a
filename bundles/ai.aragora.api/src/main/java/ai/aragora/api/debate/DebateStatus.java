package ai.aragora.api.debate;

/** Where a debate is. The last five are final. */
public enum DebateStatus {
    CREATED, RUNNING, CONSENSUS_REACHED, COMPLETED, FAILED, CANCELLED, INSUFFICIENT_PARTICIPATION,
    /** The server stopped while the debate ran; its transcript up to then is kept. */
    INTERRUPTED;

    public boolean isFinal() {
        return this != CREATED && this != RUNNING;
    }

    public String wire() {
        return WireNames.of(this);
    }

    public static DebateStatus parse(String raw) {
        return WireNames.parse(DebateStatus.class, "status", raw);
    }
}
