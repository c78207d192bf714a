package ai.aragora.launcher.spi;

/**
 * The command line or the environment cannot be used as given: one line on stderr naming the
 * problem (the option or variable first), exit status {@link Command#USAGE}. A command may throw
 * it from {@link Command#run}; the launcher prints it as {@code aragora <command>: <message>}.
 */
public class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message, null, false, false);
    }
}
