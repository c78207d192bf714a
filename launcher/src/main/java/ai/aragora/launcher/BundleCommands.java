package ai.aragora.launcher;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.util.tracker.ServiceTracker;

import ai.aragora.launcher.spi.Command;
import ai.aragora.launcher.spi.UsageException;

/**
 * Runs a command a bundle provides: boots just the features it needs, waits for the store when
 * the command uses one, finds the command's service and runs it, and stops the platform after.
 */
final class BundleCommands {

    /** Boots the platform with some features. */
    interface Boot {
        Platform boot(Settings settings, List<String> features, Log log) throws StartupException, UsageException;
    }

    private static final Duration COMMAND_WAIT = Duration.ofSeconds(30);
    /**
     * What a storage feature registers once its database is open. The engine and the receipt
     * ledger bind them whenever they appear, so a command that uses the store waits for them
     * rather than running against the in-memory fallback.
     */
    private static final List<String> STORE_SERVICES = List.of("ai.aragora.api.receipt.ReceiptStore",
            "ai.aragora.api.storage.DebateStore");

    private final CommandCatalog catalog;
    private final Boot boot;
    private final PrintStream out;
    private final PrintStream err;

    BundleCommands(CommandCatalog catalog, Boot boot, PrintStream out, PrintStream err) {
        this.catalog = catalog;
        this.boot = boot;
        this.out = out;
        this.err = err;
    }

    /** @param stopTimeout how long the platform may take to stop after the command */
    int run(Invocation invocation, Settings settings, Log log, Duration stopTimeout)
            throws StartupException, UsageException, InterruptedException {
        CommandCatalog.Spec spec = catalog.find(invocation.command()).orElseThrow();
        boolean usesStore = spec.store().by(invocation.args());
        List<String> features = invocation.options().containsKey("features") ? settings.features()
                : CommandCatalog.features(spec, usesStore, settings.storage().mode());
        List<String> selected = settings.select(features);
        Platform platform = boot.boot(settings, features, log);
        try {
            BundleContext context = platform.context();
            if (usesStore && (selected.contains(StorageSettings.SQLITE) || selected.contains(StorageSettings.POSTGRES))) {
                awaitStore(context, selected);
            }
            Filter filter = FrameworkUtil.createFilter("(&(objectClass=" + Command.class.getName() + ")("
                    + Command.NAME + "=" + spec.name() + "))");
            ServiceTracker<Command, Command> tracker = new ServiceTracker<>(context, filter, null);
            tracker.open();
            try {
                Command command = tracker.waitForService(COMMAND_WAIT.toMillis());
                if (command == null) {
                    throw new StartupException("no bundle provides the '" + spec.name() + "' command (features "
                            + String.join(",", features) + ")");
                }
                return command.run(invocation.args(), out, err);
            } catch (UsageException e) {
                err.println("aragora " + spec.name() + ": " + e.getMessage());
                return Command.USAGE;
            } catch (Exception e) {
                if (e instanceof StartupException s) {
                    throw s;
                }
                if (e instanceof InterruptedException i) {
                    throw i;
                }
                log.error("'" + spec.name() + "' failed: " + e);
                return Command.FAILED;
            } finally {
                tracker.close();
            }
        } catch (InvalidSyntaxException e) {
            throw new UsageException("command name '" + spec.name() + "' is not valid");
        } finally {
            platform.stop(stopTimeout);
        }
    }

    private static void awaitStore(BundleContext context, List<String> features)
            throws InvalidSyntaxException, InterruptedException, StartupException {
        long deadline = System.nanoTime() + COMMAND_WAIT.toNanos();
        for (String service : STORE_SERVICES) {
            ServiceTracker<Object, Object> tracker = new ServiceTracker<>(context,
                    FrameworkUtil.createFilter("(objectClass=" + service + ")"), null);
            tracker.open();
            try {
                long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
                if (tracker.waitForService(left) == null) {
                    throw new StartupException("the store (" + String.join(",", features) + ") did not open within "
                            + COMMAND_WAIT.toSeconds() + " s; the log above says why");
                }
            } finally {
                tracker.close();
            }
        }
    }
}
