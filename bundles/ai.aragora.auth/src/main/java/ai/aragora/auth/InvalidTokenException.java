package ai.aragora.auth;

/**
 * A token that does not verify. The reason is for logs and metrics; clients only ever hear
 * that the token is invalid or expired.
 */
final class InvalidTokenException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String reason;

    InvalidTokenException(String reason) {
        super("invalid or expired token");
        this.reason = reason;
    }

    String reason() {
        return reason;
    }
}
