package ai.aragora.api.webhook;

/** A URL the outbound policy refuses; the message says why, for a 400 answer. */
public class RefusedDestinationException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public RefusedDestinationException(String message) {
        super(message);
    }
}
