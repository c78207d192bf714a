package ai.aragora.debate.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;

import ai.aragora.api.event.DebateListener;

/**
 * {@code aragora benchmark --watchers N}: what many clients of the event stream cost the debates
 * they watch. The debates run once unwatched, then again with {@code N} WebSocket clients of this
 * process's stream following every debate (subscribed by org before the first one starts, and
 * warmed up with watched debates until the JIT settles, unless {@code --warmup 0} asked for no
 * warm-up); the report gives the event lag those clients saw and how much longer the watched
 * debates took.
 */
final class WatcherBenchmark {

    /** Runs {@code debates} of the plan's shape under a label (null: quietly) and says what they measured. */
    interface Runner {
        BenchmarkCommand.Run run(String label, int debates) throws InterruptedException;
    }

    /**
     * Debates of each watched warm-up batch. The first watched debates run the stream's and the
     * watchers' code before the JIT has compiled it (unwatched debates never run it): measured,
     * their lags were the compilers' queue, not the stream's.
     */
    private static final int WARMUP_DEBATES = 5;

    private static final String SERVER_PID = "ai.aragora.server";
    private static final String AUTH_PID = "ai.aragora.auth";
    private static final Duration CONNECT = Duration.ofSeconds(60);

    private final BundleContext context;
    private final ConfigurationAdmin configurations;

    WatcherBenchmark(BundleContext context, ConfigurationAdmin configurations) {
        this.context = context;
        this.configurations = configurations;
    }

    void run(BenchmarkCommand.Plan plan, Runner runner, PrintStream out, PrintStream err) throws InterruptedException, IOException {
        BenchmarkCommand.Run unwatched = runner.run("unwatched", plan.debates());
        URI uri = streamUri();
        err.println("benchmark: connecting " + plan.watchers() + " watchers to " + uri);
        Map<Long, Long> announced = new ConcurrentHashMap<>();
        // when the engine hands each event to the listeners, the stream among them
        DebateListener clock = e -> announced.put(Watchers.key(e.debateId(), e.seq()), System.nanoTime());
        ServiceRegistration<DebateListener> listening = context.registerService(DebateListener.class, clock, null);
        try (Watchers watchers = Watchers.connect(uri, adminToken(), plan.watchers(), CONNECT)) {
            if (plan.warmup() > 0) {
                int batches = Warmup.run(() -> runner.run(null, WARMUP_DEBATES), Warmup.compilerMillis(), err);
                watchers.settle(Duration.ofMillis(500), Duration.ofSeconds(60));
                err.println("benchmark: warmed up the stream with " + batches * WARMUP_DEBATES + " watched debates");
            }
            watchers.reset();
            announced.clear();
            Map<String, Long> cpuBefore = cpuByRole();
            BenchmarkCommand.Run watched = runner.run("watched", plan.debates());
            watchers.settle(Duration.ofSeconds(2), Duration.ofSeconds(120));
            Map<String, Long> cpu = cpuByRole();
            cpu.replaceAll((role, nanos) -> nanos - cpuBefore.getOrDefault(role, 0L));
            report(plan, unwatched, watched, watchers, announced, out);
            long[] received = watchers.lagsFromTimestamp();
            if (received.length > 0) {
                StringBuilder line = new StringBuilder("cpu per message:    ");
                cpu.forEach((role, nanos) -> line.append(role).append(' ').append(fixed(nanos / 1e3 / received.length, 2)).append(" us, "));
                out.println(line.substring(0, line.length() - 2) + " (thread CPU time, whatever else runs on the machine)");
            }
        } finally {
            listening.unregister();
        }
    }

    private static void report(BenchmarkCommand.Plan plan, BenchmarkCommand.Run unwatched, BenchmarkCommand.Run watched,
            Watchers watchers, Map<Long, Long> announced, PrintStream out) {
        long[] lags = watchers.lagsFromAnnouncement(announced);
        long[] stamped = watchers.lagsFromTimestamp();
        int[] perWatcher = watchers.eventsPerWatcher();
        double before = mean(unwatched.nanos);
        double after = mean(watched.nanos);
        out.println("watchers:           " + plan.watchers() + " WebSocket clients following every debate, "
                + watchers.closed() + " closed by the server");
        out.println("debates:            " + plan.debates() + " unwatched, then " + plan.debates() + " watched (" + plan.concurrent()
                + " concurrent, " + plan.rounds() + " rounds, latency " + plan.latencyMillis() + " ms); statuses "
                + watched.statuses);
        out.println("events received:    " + stamped.length + " (per watcher: min " + perWatcher[0] + ", max " + perWatcher[1] + ")");
        if (lags.length > 0) {
            out.println("event lag:          p50 " + ms(BenchmarkCommand.percentile(lags, 0.50)) + ", p99 "
                    + ms(BenchmarkCommand.percentile(lags, 0.99)) + ", max " + ms(lags[lags.length - 1])
                    + " (announced by the engine to arrival at the client)");
            out.println("lag from timestamp: p50 " + ms(BenchmarkCommand.percentile(stamped, 0.50)) + ", p99 "
                    + ms(BenchmarkCommand.percentile(stamped, 0.99)) + ", max " + ms(stamped[stamped.length - 1])
                    + " (the event's timestamp: includes the engine storing it before announcing it)");
        }
        out.println("debate time:        unwatched mean " + fixed(before / 1e6, 1) + " ms, p50 " + fixed(median(unwatched.nanos) / 1e6, 1)
                + " ms; watched mean " + fixed(after / 1e6, 1) + " ms, p50 " + fixed(median(watched.nanos) / 1e6, 1) + " ms");
        out.println("slowdown:           " + (after >= before ? "+" : "") + fixed((after / before - 1) * 100, 2)
                + " % (mean watched over mean unwatched)");
    }

    /**
     * CPU time of the threads that carry events to clients, by role: the stream's fan-out and
     * writers, Jetty's threads (socket completions and reads), and the watchers' own reading.
     * Unlike wall-clock lag, it does not depend on what else runs on the machine.
     */
    private static Map<String, Long> cpuByRole() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        Map<String, Long> cpu = new java.util.TreeMap<>();
        for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            String name = info.getThreadName();
            String role = name.startsWith("aragora-stream-") ? "stream"
                    : name.startsWith("qtp") ? "jetty"
                    : name.startsWith("aragora-benchmark-watcher") ? "watchers" : null;
            long nanos = role == null ? -1 : threads.getThreadCpuTime(info.getThreadId());
            if (nanos > 0) {
                cpu.merge(role, nanos, Long::sum);
            }
        }
        return cpu;
    }

    private URI streamUri() throws IOException {
        Dictionary<String, Object> server = configurations.getConfiguration(SERVER_PID, "?").getProperties();
        Object port = server == null ? null : server.get("ws.port");
        Object host = server == null ? null : server.get("host");
        if (port == null) {
            throw new IllegalStateException("--watchers needs the event stream in this process: add the http feature"
                    + " (--features core,sqlite,demo,http)");
        }
        String h = host == null || "0.0.0.0".equals(host) || "::".equals(host) ? "127.0.0.1" : host.toString();
        return URI.create("ws://" + (h.contains(":") && !h.startsWith("[") ? "[" + h + "]" : h) + ":" + port + "/");
    }

    /** The operator token this process was started with: the watchers see every org's debates with it. */
    private String adminToken() throws IOException {
        Dictionary<String, Object> auth = configurations.getConfiguration(AUTH_PID, "?").getProperties();
        Object token = auth == null ? null : auth.get(".admin.token");
        if (token == null) {
            throw new IllegalStateException("--watchers needs the authentication configuration of the http feature");
        }
        return token.toString();
    }

    private static double mean(long[] values) {
        return Arrays.stream(values).average().orElse(Double.NaN);
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return BenchmarkCommand.percentile(sorted, 0.5);
    }

    private static String ms(long micros) {
        return fixed(micros / 1000.0, 2) + " ms";
    }

    private static String fixed(double value, int places) {
        return String.format(java.util.Locale.ROOT, "%." + places + "f", value);
    }
}
