package ai.aragora.launcher.spi;

import java.io.PrintStream;
import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A subcommand of {@code aragora}, registered as a service by the bundle that implements it.
 * The launcher boots the features the command needs, waits for the service whose
 * {@value #NAME} property names the command, runs it and exits with its return value.
 */
@ConsumerType
public interface Command {

    /** Service property: the subcommand name, e.g. {@code debate}. */
    String NAME = "aragora.command";

    /** Service property: a one-line description for {@code aragora help}. */
    String SUMMARY = "aragora.command.summary";

    int OK = 0;
    int FAILED = 1;
    int USAGE = 2;

    /**
     * @param args the arguments after the subcommand name
     * @param out results (what a script pipes on)
     * @param err progress and diagnostics
     * @return the process exit code
     */
    int run(List<String> args, PrintStream out, PrintStream err) throws Exception;
}
