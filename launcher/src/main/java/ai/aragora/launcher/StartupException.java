package ai.aragora.launcher;

/** The server cannot start as configured (unusable state dir, a bundle that does not resolve): exit status 1. */
final class StartupException extends Exception {

    private static final long serialVersionUID = 1L;

    StartupException(String message) {
        super(message);
    }

    StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
