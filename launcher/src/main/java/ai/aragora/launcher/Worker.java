package ai.aragora.launcher;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One server process of {@code serve --workers N}: its ports, the process running on them, and
 * when to start it again after it died. Restarts back off (1 s, 2 s, 4 s ... up to 30 s) while
 * the worker keeps dying young; a worker that ran a minute starts from 1 s again.
 */
final class Worker {

    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /** A worker that ran this long was healthy: its next death starts the backoff over. */
    static final Duration HEALTHY_UPTIME = Duration.ofSeconds(60);
    /** Deaths in a row, each before {@link #HEALTHY_UPTIME}, after which the supervisor gives up. */
    static final int MAX_QUICK_DEATHS = 5;

    private final int index;
    private final int apiPort;
    private final int wsPort;
    private final List<String> command;
    private final Map<String, String> environment;
    private Process process;
    private long startedNanos;
    private int quickDeaths;
    private long restartAtNanos;
    private boolean restartPending;

    Worker(int index, int apiPort, int wsPort, List<String> command, Map<String, String> environment) {
        this.index = index;
        this.apiPort = apiPort;
        this.wsPort = wsPort;
        this.command = List.copyOf(command);
        this.environment = environment;
    }

    int index() {
        return index;
    }

    int apiPort() {
        return apiPort;
    }

    int wsPort() {
        return wsPort;
    }

    Optional<Process> process() {
        return Optional.ofNullable(process);
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** The command line of this worker: the supervisor's own JVM, with this worker's ports. */
    static List<String> command(List<String> jvm, Settings settings, Map<String, String> options, boolean strictEnv,
            int apiPort, int wsPort) {
        List<String> command = new ArrayList<>(jvm);
        command.addAll(List.of("serve", "--workers", "1", "--" + Invocation.SUPERVISED, "--host", settings.host(), "--api-port",
                String.valueOf(apiPort), "--ws-port", String.valueOf(wsPort)));
        if (options.containsKey("features")) {
            command.addAll(List.of("--features", options.get("features")));
        }
        if (strictEnv) {
            command.add("--" + Invocation.STRICT_ENV);
        }
        return command;
    }

    /**
     * Starts the process with its standard input a pipe from this one that nothing writes to:
     * when the supervisor dies, the pipe closes and the worker stops (see {@link SupervisorLink}).
     */
    void start(long nowNanos) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.redirectOutput(ProcessBuilder.Redirect.INHERIT);
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        process = builder.start();
        startedNanos = nowNanos;
        restartPending = false;
    }

    /**
     * Called once the process has exited: when to start it again, or empty when it died young
     * {@value #MAX_QUICK_DEATHS} times in a row and should not be started again.
     */
    Optional<Duration> died(long nowNanos) {
        quickDeaths = nowNanos - startedNanos >= HEALTHY_UPTIME.toNanos() ? 1 : quickDeaths + 1;
        if (quickDeaths > MAX_QUICK_DEATHS) {
            return Optional.empty();
        }
        Duration delay = backoff(quickDeaths);
        restartAtNanos = nowNanos + delay.toNanos();
        restartPending = true;
        return Optional.of(delay);
    }

    /** The delay before the restart that follows the {@code deaths}-th quick death in a row. */
    static Duration backoff(int deaths) {
        Duration delay = FIRST_BACKOFF.multipliedBy(1L << Math.min(deaths - 1, 20));
        return delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay;
    }

    boolean restartDue(long nowNanos) {
        return restartPending && nowNanos - restartAtNanos >= 0;
    }

    /** Whether the exit was already seen (a restart is scheduled). */
    boolean restartPending() {
        return restartPending;
    }

    @Override
    public String toString() {
        return "worker " + index;
    }
}
