package ai.aragora.api.debate;

/**
 * How a {@link DebateHandle#result()} ends when this instance stopped the debate unfinished, at
 * its last durable step, for another instance (or this one restarted) to resume: the debate goes
 * on elsewhere, so whoever waited on it here should follow it there rather than take it as failed.
 *
 * @since 1.5
 */
public final class DebateHandedOver extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final String debateId;

    public DebateHandedOver(String debateId) {
        super("debate " + debateId + " was handed over to be resumed elsewhere");
        this.debateId = debateId;
    }

    public String debateId() {
        return debateId;
    }
}
