package ai.aragora.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import ai.aragora.launcher.spi.Command;

/**
 * {@code serve --workers N}: N server processes on consecutive API and WebSocket ports, started
 * again when one dies, all drained on SIGTERM. The first worker starts alone and must be ready
 * before the others start: it creates the state tier's secrets and applies the migrations, which
 * the others then find in place instead of racing to create them. The supervisor itself boots no
 * framework and holds no lock on the data dir; each worker takes its own shared lock there.
 */
final class Supervisor {

    private static final Duration POLL = Duration.ofMillis(200);
    /** How long the first worker may take to become ready (migrations on a loaded machine). */
    private static final Duration FIRST_READY = Duration.ofMinutes(3);
    /** Beyond the workers' own stop timeout: their JVMs exiting. */
    private static final Duration EXIT_MARGIN = Duration.ofSeconds(5);

    private final List<Worker> workers;
    private final String probeHost;
    private final Duration stopTimeout;
    private final Log log;
    private boolean stopping;

    Supervisor(List<Worker> workers, String host, Duration stopTimeout, Log log) {
        this.workers = List.copyOf(workers);
        // A wildcard address is not one to connect to: the workers answer on the loopback too.
        this.probeHost = host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]") ? "127.0.0.1" : host;
        this.stopTimeout = stopTimeout;
        this.log = log;
    }

    static Supervisor of(Settings settings, Map<String, String> options, boolean strictEnv, Map<String, String> environment,
            Duration workerStopTimeout, Log log) {
        List<String> jvm = jvmCommand();
        List<Worker> workers = new ArrayList<>();
        for (int i = 0; i < settings.workers(); i++) {
            int api = settings.apiPort() + i;
            int ws = settings.wsPort() + i;
            workers.add(new Worker(i + 1, api, ws, Worker.command(jvm, settings, options, strictEnv, api, ws), environment));
        }
        return new Supervisor(workers, settings.host(), workerStopTimeout.plus(EXIT_MARGIN), log);
    }

    /** This JVM's own command line up to the arguments: the same Java, options, class path and main class. */
    static List<String> jvmCommand() {
        List<String> jvm = new ArrayList<>();
        jvm.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        jvm.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        jvm.add("-cp");
        jvm.add(System.getProperty("java.class.path"));
        jvm.add(Main.class.getName());
        return jvm;
    }

    /**
     * Runs the workers until SIGTERM (then the shutdown hook ends the process with 0 when every
     * worker drained and exited 0) or until one keeps dying ({@link Command#FAILED}).
     */
    int run() throws InterruptedException {
        Thread hook = new Thread(() -> Runtime.getRuntime().halt(stopAll() ? Command.OK : Command.FAILED),
                "aragora-supervisor-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        Worker first = workers.get(0);
        log.info("supervising " + workers.size() + " workers: API ports " + first.apiPort() + "-"
                + (first.apiPort() + workers.size() - 1) + ", WebSocket ports " + first.wsPort() + "-"
                + (first.wsPort() + workers.size() - 1));
        synchronized (this) {
            if (!stopping) {
                start(first, System.nanoTime());
            }
        }
        if (!awaitReady(first)) {
            return giveUp(hook);
        }
        synchronized (this) {
            for (Worker w : workers.subList(1, workers.size())) {
                if (!stopping) {
                    start(w, System.nanoTime());
                }
            }
        }
        while (true) {
            synchronized (this) {
                if (stopping) {
                    break;
                }
                for (Worker w : workers) {
                    if (!tend(w, System.nanoTime())) {
                        log.error(w + " died " + Worker.MAX_QUICK_DEATHS + " times in a row within "
                                + Worker.HEALTHY_UPTIME.toSeconds() + " s of starting; stopping all workers (its log above says why)");
                        return giveUp(hook);
                    }
                }
            }
            Thread.sleep(POLL.toMillis());
        }
        awaitHalt();
        return Command.FAILED;
    }

    /** SIGTERM arrived: the shutdown hook drains the workers and ends the process with their status. */
    private static void awaitHalt() throws InterruptedException {
        new CountDownLatch(1).await();
    }

    /** False when the worker should not be started again. */
    private boolean tend(Worker w, long now) {
        if (w.alive()) {
            return true;
        }
        if (!w.restartPending()) {
            String status = w.process().map(p -> "exited with status " + p.exitValue()).orElse("could not start");
            Optional<Duration> delay = w.died(now);
            if (delay.isEmpty()) {
                return false;
            }
            log.warn(w + " " + status + "; starting it again in " + delay.get().toSeconds() + " s");
            return true;
        }
        if (w.restartDue(now)) {
            start(w, now);
        }
        return true;
    }

    private void start(Worker w, long now) {
        try {
            w.start(now);
            log.info(w + " of " + workers.size() + " (pid " + w.process().orElseThrow().pid() + ") on http://" + probeHost + ":"
                    + w.apiPort() + " (WebSocket port " + w.wsPort() + ")");
        } catch (IOException e) {
            log.error(w + " cannot start: " + e.getMessage());
        }
    }

    /** Whether the first worker answers {@code /readyz}; false when it exited or took too long. */
    private boolean awaitReady(Worker w) throws InterruptedException {
        URI readyz = URI.create("http://" + probeHost + ":" + w.apiPort() + "/readyz");
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        int status = Healthcheck.await(readyz, FIRST_READY, () -> worthWaiting(w), quiet);
        if (stopRequested()) {
            // the shutdown hook, which needs this monitor, drains and exits
            awaitHalt();
        }
        synchronized (this) {
            if (status == Command.OK) {
                log.info(w + " is ready; starting the others");
                return true;
            }
            if (!w.alive()) {
                log.error(w + " " + w.process().map(p -> "exited with status " + p.exitValue()).orElse("could not start")
                        + " before it was ready; its log above says why");
            } else {
                log.error(w + " was not ready within " + FIRST_READY.toSeconds() + " s at " + readyz);
            }
            return false;
        }
    }

    private synchronized boolean worthWaiting(Worker w) {
        return !stopping && w.alive();
    }

    private synchronized boolean stopRequested() {
        return stopping;
    }

    private int giveUp(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // SIGTERM arrived meanwhile: the hook stops the workers and decides the status
        }
        stopAll();
        return Command.FAILED;
    }

    /**
     * SIGTERM to every live worker, then waits for them to drain; a worker still running after
     * its stop timeout is killed. True when every worker exited 0.
     */
    private boolean stopAll() {
        List<Process> running = new ArrayList<>();
        synchronized (this) {
            stopping = true;
            for (Worker w : workers) {
                if (w.alive()) {
                    running.add(w.process().orElseThrow());
                }
            }
        }
        log.info("stopping " + running.size() + " workers: each drains for up to " + stopTimeout.toSeconds() + " s");
        running.forEach(Process::destroy);
        long deadline = System.nanoTime() + stopTimeout.toNanos();
        boolean clean = true;
        for (Process p : running) {
            try {
                if (!p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    log.error("worker pid " + p.pid() + " did not stop within " + stopTimeout.toSeconds() + " s; killing it");
                    p.destroyForcibly();
                    clean = false;
                } else if (p.exitValue() != 0) {
                    log.error("worker pid " + p.pid() + " stopped with status " + p.exitValue());
                    clean = false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        log.info(clean ? "all workers stopped" : "workers stopped with errors");
        return clean;
    }
}
