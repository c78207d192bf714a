package ai.aragora.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import ai.aragora.launcher.spi.Command;
import ai.aragora.launcher.spi.DataDirLock;
import ai.aragora.launcher.spi.UsageException;

/**
 * {@code aragora}: the command line. {@code serve} boots the server and blocks until it is
 * stopped; other commands boot just the features they need and exit with the command's status
 * ({@link BundleCommands}).
 */
public final class Main {

    /** Upper bound for the framework to stop after the bundles' own drain period. */
    private static final Duration STOP_MARGIN = Duration.ofSeconds(15);

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;
    private final Path home;
    private final CommandCatalog catalog = CommandCatalog.standard();
    private final AtomicBoolean exiting = new AtomicBoolean();
    private DataDirLock servingLock;

    /**
     * Until the logging bundle bridges java.util.logging, libraries that use it would print
     * their start-up chatter to the console; held here so the setting is not garbage collected.
     */
    private static final java.util.logging.Logger JUL_ROOT = java.util.logging.Logger.getLogger("");

    Main(Map<String, String> env, PrintStream out, PrintStream err, Path home) {
        this.env = env;
        this.out = out;
        this.err = err;
        this.home = home;
    }

    public static void main(String[] argv) {
        Main main = new Main(System.getenv(), System.out, System.err, home());
        int status = main.run(argv);
        main.exiting.set(true);
        System.exit(status);
    }

    int run(String[] argv) {
        Invocation invocation;
        try {
            invocation = Invocation.parse(argv, catalog);
        } catch (UsageException e) {
            err.println("aragora: " + e.getMessage());
            return Command.USAGE;
        }
        switch (invocation.command()) {
            case "help":
                help();
                return Command.OK;
            case "version":
                out.println("aragora " + version());
                return Command.OK;
            case "healthcheck":
                return Healthcheck.run(invocation.options(), err);
            default:
                break;
        }
        Optional<Path> scratch;
        try {
            scratch = scratchDataDir(invocation.command(), env);
        } catch (IOException e) {
            err.println("aragora: no scratch data dir for the benchmark: " + e.getMessage());
            return Command.FAILED;
        }
        scratch.ifPresent(dir -> err.println("aragora: benchmark data in " + dir
                + ", removed afterwards (set ARAGORA_DATA_DIR to keep it)"));
        try {
            return run(invocation, scratch);
        } finally {
            scratch.ifPresent(this::removeScratch);
        }
    }

    /**
     * A benchmark writes every debate it runs into the store: unless told where, it gets a data
     * dir of its own rather than filling the operator's with thousands of synthetic debates.
     */
    static Optional<Path> scratchDataDir(String command, Map<String, String> env) throws IOException {
        if (!command.equals("benchmark") || Settings.value(env, "ARAGORA_DATA_DIR").isPresent()) {
            return Optional.empty();
        }
        return Optional.of(Files.createTempDirectory("aragora-benchmark-"));
    }

    private void removeScratch(Path dir) {
        try {
            Directories.delete(dir);
        } catch (IOException e) {
            err.println("aragora: could not remove " + dir + ": " + e.getMessage());
        }
    }

    private int run(Invocation invocation, Optional<Path> scratch) {
        Map<String, String> environment = commandEnvironment(invocation, scratch);
        Settings settings;
        try {
            checkUnknownVariables(environment, invocation.strictEnv());
            settings = Settings.from(environment, invocation.options());
        } catch (UsageException e) {
            err.println("aragora: " + e.getMessage());
            return Command.USAGE;
        }
        Log log = new Log(err, settings.logLevel());
        try {
            if (invocation.command().equals("serve") && settings.workers() > 1) {
                return supervise(invocation, settings, environment, log);
            }
            if (invocation.command().equals("serve")) {
                return serve(settings, log, invocation.options().containsKey(Invocation.SUPERVISED));
            }
            return new BundleCommands(catalog, this::boot, out, err).run(invocation, settings, log,
                    settings.shutdownGrace().plus(STOP_MARGIN));
        } catch (UsageException e) {
            err.println("aragora: " + e.getMessage());
            return Command.USAGE;
        } catch (StartupException e) {
            log.error(e.getMessage());
            return Command.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Command.FAILED;
        }
    }

    /** {@code serve --workers N}: N servers on one database, which must be one that many processes share. */
    private int supervise(Invocation invocation, Settings settings, Map<String, String> environment, Log log)
            throws UsageException, StartupException, InterruptedException {
        if (settings.storage().select(settings.features()).contains(StorageSettings.SQLITE)) {
            throw new UsageException(settings.workers() + " workers need PostgreSQL: SQLite's files belong to one process;"
                    + " set ARAGORA_STORAGE_MODE=postgres and DATABASE_URL, or run one worker");
        }
        for (int i = 0; i < settings.workers(); i++) {
            requireFree(settings.host(), settings.apiPort() + i, "--api-port + " + i);
            requireFree(settings.host(), settings.wsPort() + i, "--ws-port + " + i);
        }
        return Supervisor.of(settings, invocation.options(), invocation.strictEnv(), environment,
                settings.shutdownGrace().plus(STOP_MARGIN), log).run();
    }

    /** @param supervised a worker of {@code --workers N}: stops when its supervisor is gone */
    private int serve(Settings settings, Log log, boolean supervised) throws StartupException, UsageException, InterruptedException {
        if (settings.features().contains("http")) {
            requireFree(settings.host(), settings.apiPort(), "--api-port");
            requireFree(settings.host(), settings.wsPort(), "--ws-port");
        }
        Duration stopTimeout = settings.shutdownGrace().plus(STOP_MARGIN);
        AtomicReference<Platform> running = new AtomicReference<>();
        CountDownLatch booted = new CountDownLatch(1);
        // Installed before booting: a SIGTERM while bundles start (the API may already answer)
        // waits for the boot to finish, then stops cleanly and reports success, not the signal.
        Thread hook = new Thread(() -> {
            if (exiting.get()) {
                return;
            }
            try {
                booted.await(stopTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Platform platform = running.get();
            if (platform == null) {
                return;
            }
            log.info("stopping: draining work for up to " + settings.shutdownGrace().toSeconds() + " s");
            boolean clean = platform.stop(stopTimeout);
            log.info(clean ? "stopped" : "stopped with errors");
            Runtime.getRuntime().halt(clean ? Command.OK : Command.FAILED);
        }, "aragora-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        if (supervised) {
            // as on SIGTERM: the hook drains and ends the process
            SupervisorLink.watch(System.in, log, () -> System.exit(Command.OK));
        }
        Platform platform;
        try {
            platform = boot(settings, settings.features(), log);
            // Held in a field for the life of the process: an unreachable channel would be closed, releasing it.
            servingLock = DataDirLock.serving(settings.dataDir()).orElse(null);
            if (servingLock == null) {
                platform.stop(stopTimeout);
                throw new StartupException("a restore is replacing the files of " + settings.dataDir() + "; start again once it is done");
            }
            long uptime = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
            log.info("Aragora " + version() + " serving http://" + settings.host() + ":" + settings.apiPort()
                    + " with features " + String.join(",", settings.features()) + " (started in " + uptime + " ms)");
            running.set(platform);
        } catch (java.io.IOException e) {
            unhook(hook);
            throw new StartupException("cannot lock the data dir " + settings.dataDir() + ": " + e.getMessage(), e);
        } catch (StartupException | UsageException | RuntimeException e) {
            unhook(hook);
            throw e;
        } finally {
            booted.countDown();
        }
        platform.awaitStop();
        return Command.OK;
    }

    /**
     * Names every {@code ARAGORA_*} variable nothing reads, once, before anything else is said
     * about the environment; with {@code --strict-env} that refuses the start.
     */
    private void checkUnknownVariables(Map<String, String> environment, boolean strict) throws UsageException {
        java.util.Set<String> unknown = EnvironmentVariables.unknown(environment);
        if (unknown.isEmpty()) {
            return;
        }
        if (strict) {
            throw new UsageException(EnvironmentVariables.describe(unknown) + "; refused because of --strict-env");
        }
        String level;
        try {
            level = Settings.logLevel(Settings.value(environment, "ARAGORA_LOG_LEVEL").orElse("INFO"));
        } catch (UsageException e) {
            level = "INFO";
        }
        new Log(err, level).warn(EnvironmentVariables.describe(unknown));
    }

    /** A server that cannot listen must not start half-way: refuse a port that is already taken. */
    private static void requireFree(String host, int port, String flag) throws StartupException {
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new java.net.InetSocketAddress(host, port));
        } catch (java.io.IOException e) {
            throw new StartupException("cannot listen on " + host + ":" + port + " (" + flag + "): " + e.getMessage()
                    + "; is another server running there?");
        }
    }

    /** A command's output is its own lines: the server's INFO chatter only when asked for. */
    private Map<String, String> commandEnvironment(Invocation invocation, Optional<Path> scratch) {
        Map<String, String> command = new java.util.HashMap<>(env);
        scratch.ifPresent(dir -> command.put("ARAGORA_DATA_DIR", dir.toString()));
        if (!invocation.command().equals("serve")) {
            command.putIfAbsent("ARAGORA_LOG_LEVEL", "WARNING");
        }
        return command;
    }

    private static void unhook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it finds no platform and lets the exit proceed
        }
    }

    private Platform boot(Settings settings, List<String> featureNames, Log log) throws StartupException, UsageException {
        LaunchPlan plan = LaunchPlan.prepare(home, settings, featureNames, log);
        JUL_ROOT.setLevel(java.util.logging.Level.WARNING);
        plan.systemProperties().forEach(System::setProperty);
        return Platform.boot(plan, settings.tempDir(), log);
    }

    private void help() {
        out.println("usage: aragora <command> [options]");
        out.println();
        for (CommandCatalog.Spec spec : catalog.all()) {
            out.printf("  %-16s %s%n", spec.name(), spec.summary());
        }
        out.println();
        out.println("Options of serve and every bundle command: --strict-env refuses to start when an ARAGORA_*");
        out.println("variable is set that Aragora does not read (otherwise it warns). A bundle command whose");
        out.println("--features include http listens on --api-port and --ws-port (8080 and 8765 by default).");
        out.println();
        StringBuilder line = new StringBuilder("Environment:");
        for (String name : EnvironmentVariables.KNOWN) {
            if (line.length() + name.length() + 2 > 100) {
                out.println(line);
                line.setLength(0);
            }
            line.append(' ').append(name).append(',');
        }
        out.println(line + " DATABASE_URL, <PROVIDER>_API_KEY");
        out.println("(see docs/configuration.md and docs/storage.md).");
    }

    static String version() {
        try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The distribution root: {@code aragora.home}, else the parent of the directory holding this jar. */
    private static Path home() {
        String configured = System.getProperty("aragora.home");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        try {
            Path jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return jar.getParent().getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the distribution", e);
        }
    }
}
