package ai.aragora.debate.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import ai.aragora.api.debate.ConsensusMode;
import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.debate.DebateService;
import ai.aragora.api.debate.DebateSpec;
import ai.aragora.api.debate.DebateStatus;
import ai.aragora.launcher.spi.Command;
import ai.aragora.launcher.spi.CommandLine;
import ai.aragora.launcher.spi.UsageException;

/**
 * {@code aragora benchmark}: runs many debates between demo agents, keeping a number of them in
 * flight, and reports throughput, debate time percentiles, the overhead over the simulated
 * model latency's critical path, and the heap each running debate holds.
 *
 * <p>The critical path of a debate is its sequential agent turns times the simulated latency:
 * the first proposals, the baseline vote, then per round the critiques and the votes, plus a
 * revision for each round after the first. Debates run all their rounds unless
 * {@code --min-rounds} says otherwise, so each takes the same path.
 */
@Component(property = {Command.NAME + "=benchmark", Command.SUMMARY + "=" + BenchmarkCommand.SUMMARY})
public class BenchmarkCommand implements Command {

    static final String SUMMARY = "measure the engine: benchmark --debates N --concurrent C --rounds R [--latency-ms L] [--agents a,b,c]";
    static final String HELP = "usage: aragora benchmark [--debates N] [--concurrent C] [--rounds R] [--min-rounds M]"
            + " [--latency-ms L] [--agents a,b,c] [--consensus MODE] [--warmup W] [--receipts on|off] [--retain N]"
            + " [--watchers W (with the http feature)] [--bus-rate R --bus-seconds S (with ARAGORA_REDIS_URL)]"
            + " [--start-at EPOCH_MS] [--times FILE] | --merge FILE,FILE,...";
    static final String TASK = "Should we adopt exponential backoff with jitter?";

    private static final String DEMO_PID = "ai.aragora.agents.demo";
    private static final String ENGINE_PID = "ai.aragora.debate";
    private static final String MEMORY_PID = "ai.aragora.storage.memory";
    private static final String LATENCY = "aragora.demo.latency.ms";
    private static final String RECEIPTS = "receipts.enabled";
    private static final CommandLine.Syntax SYNTAX = CommandLine.syntax().value("debates", "concurrent", "rounds", "min-rounds",
            "latency-ms", "agents", "consensus", "warmup", "receipts", "retain", "watchers", "bus-rate",
            "bus-seconds", "start-at", "times", "merge");
    private static final long CONFIG_WAIT_MILLIS = 15_000;

    private final BundleContext context;
    private final DebateService debates;
    private final AgentRoster roster;
    private final ConfigurationAdmin configurations;

    @Activate
    public BenchmarkCommand(BundleContext context, @Reference DebateService debates, @Reference AgentRoster roster,
            @Reference ConfigurationAdmin configurations) {
        this.context = context;
        this.debates = debates;
        this.roster = roster;
        this.configurations = configurations;
    }

    /** What one run asks for. */
    record Plan(int debates, int concurrent, int rounds, int minRounds, long latencyMillis, List<String> agents,
            ConsensusMode consensus, int warmup, boolean receipts, int retain, int watchers, int busRate, int busSeconds,
            long startAt, String times, List<String> merge) {

        DebateSpec spec(long seed) {
            return DebateSpec.builder(TASK).agents(agents).rounds(rounds).minRounds(minRounds).consensus(consensus)
                    .seed(seed).build();
        }
    }

    static Plan plan(List<String> args) throws UsageException {
        CommandLine flags = SYNTAX.parse(args);
        flags.noPositional();
        int n = flags.integer("debates", 1000, 1, 100_000_000);
        int rounds = flags.integer("rounds", DebateSpec.DEFAULT_ROUNDS, 1, DebateSpec.MAX_ROUNDS);
        String receipts = flags.choice("receipts", "on", "on", "off");
        try {
            return new Plan(n, flags.integer("concurrent", 100, 1, 1_000_000), rounds,
                    flags.integer("min-rounds", rounds, 1, rounds), flags.integer("latency-ms", 0, 0, 600_000),
                    flags.list("agents", DebateSpec.DEFAULT_AGENTS), ConsensusMode.parse(flags.value("consensus", "majority")),
                    flags.integer("warmup", Math.min(n, 2000), 0, 100_000_000), receipts.equals("on"),
                    flags.integer("retain", 100, 1, 1_000_000), flags.integer("watchers", 0, 0, 100_000),
                    flags.integer("bus-rate", 0, 0, 1_000_000), flags.integer("bus-seconds", 10, 1, 3600),
                    flags.longInteger("start-at", 0), flags.value("times").orElse(null), flags.list("merge", List.of()));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Plan plan;
        try {
            if (args.contains("--help")) {
                out.println(HELP);
                return OK;
            }
            plan = plan(args);
            plan.spec(0);
        } catch (UsageException | IllegalArgumentException e) {
            err.println("aragora benchmark: " + e.getMessage());
            return USAGE;
        }
        if (!plan.merge().isEmpty()) {
            try {
                SharedRuns.report(plan.merge().stream().map(java.nio.file.Path::of).toList(), out);
                return OK;
            } catch (UsageException | IOException | RuntimeException e) {
                err.println("aragora benchmark: " + e.getMessage());
                return USAGE;
            }
        }
        if (plan.busRate() > 0) {
            try {
                new BusBenchmark(context).run(plan.busRate(), plan.busSeconds(), out, err);
                return OK;
            } catch (IllegalStateException e) {
                err.println("aragora benchmark: " + e.getMessage());
                return FAILED;
            }
        }
        if (!roster.awaitNames(plan.agents(), CONFIG_WAIT_MILLIS)) {
            err.println("aragora benchmark: agents not available: " + plan.agents() + " (registered: " + roster.names() + ")");
            return USAGE;
        }
        Dictionary<String, Object> savedDemo = properties(DEMO_PID);
        Dictionary<String, Object> savedEngine = properties(ENGINE_PID);
        Dictionary<String, Object> savedMemory = properties(MEMORY_PID);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "aragora-benchmark");
            t.setDaemon(true);
            return t;
        });
        try {
            // The in-memory store keeps finished debates for the API; the benchmark keeps few so the
            // garbage collector copies the engine's work, not a cache of old transcripts.
            configure(MEMORY_PID, "max.debates", plan.retain());
            configure(ENGINE_PID, RECEIPTS, plan.receipts());
            awaitEngine(plan.receipts());
            configureLatency(plan, 0);
            if (plan.warmup() > 0) {
                err.println("benchmark: warming up with " + plan.warmup() + " debates without latency");
                run(plan, plan.warmup(), Math.min(plan.concurrent(), 64), 0, null, timer, err);
            }
            configureLatency(plan, plan.latencyMillis());
            err.println("benchmark: " + plan.debates() + " debates, " + plan.concurrent() + " at a time, " + plan.rounds()
                    + " rounds, " + String.join(",", plan.agents()) + ", latency " + plan.latencyMillis() + " ms, receipts "
                    + (plan.receipts() ? "on" : "off"));
            if (plan.watchers() > 0) {
                new WatcherBenchmark(context, configurations).run(plan,
                        label -> run(plan, plan.debates(), plan.concurrent(), plan.latencyMillis(), label, timer, err), out, err);
                return OK;
            }
            if (plan.startAt() > 0) {
                SharedRuns.awaitStart(plan.startAt(), err);
            }
            Run run = run(plan, plan.debates(), plan.concurrent(), plan.latencyMillis(), "benchmark", timer, err);
            if (plan.times() != null) {
                SharedRuns.write(java.nio.file.Path.of(plan.times()), args, run);
            }
            double heapPerDebate = plan.latencyMillis() > 0 ? heapPerRunningDebate(plan, timer) : Double.NaN;
            report(plan, run, heapPerDebate, out);
            return run.failed > 0 ? FAILED : OK;
        } catch (IllegalStateException e) {
            err.println("aragora benchmark: " + e.getMessage());
            return FAILED;
        } finally {
            timer.shutdownNow();
            restore(DEMO_PID, savedDemo);
            restore(ENGINE_PID, savedEngine);
            restore(MEMORY_PID, savedMemory);
        }
    }

    /** What a run measured. */
    static final class Run {
        long[] nanos;
        int[] phases;
        long elapsedNanos;
        int failed;
        Map<String, Integer> statuses = new TreeMap<>();
    }

    private Run run(Plan plan, int n, int concurrent, long latencyMillis, String label, ScheduledExecutorService timer,
            PrintStream err) throws InterruptedException {
        Run run = new Run();
        run.nanos = new long[n];
        run.phases = new int[n];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicLong refused = new AtomicLong();
        Map<DebateStatus, AtomicInteger> statuses = new ConcurrentHashMap<>();
        CountDownLatch finished = new CountDownLatch(n);
        IntConsumer[] start = new IntConsumer[1];
        Runnable launch = () -> {
            int i = next.getAndIncrement();
            if (i < n) {
                start[0].accept(i);
            }
        };
        start[0] = i -> {
            long started = System.nanoTime();
            try {
                debates.start(plan.spec(i)).result().whenComplete((result, failure) -> {
                    run.nanos[i] = System.nanoTime() - started;
                    record(result, i, run, statuses);
                    done.incrementAndGet();
                    finished.countDown();
                    launch.run();
                });
            } catch (RuntimeException e) {
                // Refused (the engine is full): the same debate is started again shortly; it is
                // neither a finished debate nor a zero in the percentiles.
                refused.incrementAndGet();
                timer.schedule(() -> start[0].accept(i), 10, TimeUnit.MILLISECONDS);
            }
        };
        long begin = System.nanoTime();
        int initial = Math.min(concurrent, n);
        // Debates that all start together would stay in lockstep: spread the first ones over one latency period.
        long spreadNanos = TimeUnit.MILLISECONDS.toNanos(latencyMillis);
        for (int c = 0; c < initial; c++) {
            if (spreadNanos == 0) {
                launch.run();
            } else {
                timer.schedule(launch, spreadNanos * c / initial, TimeUnit.NANOSECONDS);
            }
        }
        var progress = label == null ? null : timer.scheduleAtFixedRate(() -> {
            double seconds = (System.nanoTime() - begin) / 1e9;
            err.println(label + ": " + done.get() + "/" + n + " done, " + (next.get() - done.get()) + " running, "
                    + String.format(java.util.Locale.ROOT, "%.0f", done.get() / seconds) + " debates/s");
        }, 1, 1, TimeUnit.SECONDS);
        finished.await();
        run.elapsedNanos = System.nanoTime() - begin;
        if (progress != null) {
            progress.cancel(false);
        }
        statuses.forEach((s, c) -> run.statuses.put(s.wire(), c.get()));
        run.failed = statuses.getOrDefault(DebateStatus.FAILED, new AtomicInteger()).get();
        if (refused.get() > 0) {
            err.println("benchmark: the engine refused " + refused.get() + " starts (each started again 10 ms later)");
        }
        return run;
    }

    private static void record(DebateResult result, int i, Run run, Map<DebateStatus, AtomicInteger> statuses) {
        DebateStatus status = result == null ? DebateStatus.FAILED : result.status();
        statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
        if (result != null) {
            run.phases[i] = criticalTurns(result);
        }
    }

    /** Sequential agent turns: proposals, baseline vote, critiques and votes per round, revisions, the judge. */
    static int criticalTurns(DebateResult r) {
        int rounds = r.roundsUsed();
        int turns = 2 + 2 * rounds + (rounds - 1);
        if (r.spec().consensus() == ConsensusMode.JUDGE && r.messages().stream().anyMatch(m -> "judge".equals(m.role()))) {
            turns++;
        }
        return turns;
    }

    /** Used heap with {@code concurrent} debates deep into their rounds, less the heap without them, per debate. */
    private double heapPerRunningDebate(Plan plan, ScheduledExecutorService timer) throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = settledHeap(memory);
        CountDownLatch finished = new CountDownLatch(plan.concurrent());
        for (int i = 0; i < plan.concurrent(); i++) {
            debates.start(plan.spec(1_000_000L + i)).result().whenComplete((r, e) -> finished.countDown());
        }
        int turns = 2 + 2 * plan.rounds() + plan.rounds() - 1;
        // Measure before the last turn, when a debate holds nearly its whole transcript.
        Thread.sleep(Math.max(1, (long) ((turns - 1.5) * plan.latencyMillis())));
        long during = settledHeap(memory);
        finished.await();
        return Math.max(0, during - before) / (double) plan.concurrent();
    }

    private static long settledHeap(MemoryMXBean memory) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    static void report(Plan plan, Run run, double heapPerDebate, PrintStream out) {
        long[] sorted = run.nanos.clone();
        Arrays.sort(sorted);
        double seconds = run.elapsedNanos / 1e9;
        out.println("debates:            " + plan.debates() + " (" + plan.concurrent() + " concurrent, " + plan.rounds()
                + " rounds, agents " + String.join(",", plan.agents()) + ", latency " + plan.latencyMillis() + " ms, receipts "
                + (plan.receipts() ? "on" : "off") + ", " + plan.retain() + " finished debates kept)");
        out.println("statuses:           " + run.statuses);
        out.println("throughput:         " + fixed(plan.debates() / seconds, 1) + " debates/s (" + fixed(seconds, 2) + " s)");
        out.println("debate time:        p50 " + millis(percentile(sorted, 0.50)) + ", p99 " + millis(percentile(sorted, 0.99))
                + ", max " + millis(sorted[sorted.length - 1]));
        if (plan.latencyMillis() > 0) {
            double critical = 0;
            double actual = 0;
            int turns = 0;
            for (int i = 0; i < run.nanos.length; i++) {
                critical += run.phases[i] * plan.latencyMillis() * 1e6;
                actual += run.nanos[i];
                turns = Math.max(turns, run.phases[i]);
            }
            double path = turns * plan.latencyMillis() * 1e6;
            out.println("critical path:      " + millis((long) path) + " (" + turns + " sequential agent turns x "
                    + plan.latencyMillis() + " ms)");
            out.println("overhead:           mean " + percent(actual / critical - 1) + ", p50 "
                    + percent(percentile(sorted, 0.50) / path - 1) + ", p99 " + percent(percentile(sorted, 0.99) / path - 1));
            out.println("heap per debate:    " + (Double.isNaN(heapPerDebate) ? "not measured"
                    : fixed(heapPerDebate / 1024, 1) + " KB (" + plan.concurrent() + " debates running)"));
        } else {
            out.println("critical path:      none (no simulated latency)");
            out.println("heap per debate:    not measured without latency (debates do not stay running)");
        }
    }

    /** The nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    private static String millis(long nanos) {
        return nanos >= 1_000_000_000L ? fixed(nanos / 1e9, 3) + " s" : fixed(nanos / 1e6, 3) + " ms";
    }

    private static String percent(double fraction) {
        return (fraction >= 0 ? "+" : "") + fixed(fraction * 100, 2) + " %";
    }

    private static String fixed(double value, int places) {
        return String.format(java.util.Locale.ROOT, "%." + places + "f", value);
    }

    // --- configuration of the engine and the demo agents for the run

    private void configureLatency(Plan plan, long millis) throws IOException, InterruptedException {
        List<String> demo = plan.agents().stream().filter(a -> a.startsWith("demo-")).toList();
        if (demo.isEmpty()) {
            return;
        }
        configure(DEMO_PID, "latency.ms", (int) millis);
        configure(DEMO_PID, "agent.latency.ms", new String[0]);
        if (!roster.awaitProperty(demo, LATENCY, millis, CONFIG_WAIT_MILLIS)) {
            throw new IllegalStateException("the demo agents did not take up a latency of " + millis + " ms");
        }
    }

    private void awaitEngine(boolean receipts) throws InterruptedException {
        long deadline = System.currentTimeMillis() + CONFIG_WAIT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            ServiceReference<DebateService> ref = context.getServiceReference(DebateService.class);
            if (ref != null && Boolean.valueOf(receipts).equals(ref.getProperty(RECEIPTS))) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the engine did not take up receipts " + (receipts ? "on" : "off"));
    }

    private Dictionary<String, Object> properties(String pid) throws IOException {
        Dictionary<String, Object> p = configurations.getConfiguration(pid, "?").getProperties();
        return p == null ? null : copy(p);
    }

    private void configure(String pid, String key, Object value) throws IOException {
        Configuration c = configurations.getConfiguration(pid, "?");
        Dictionary<String, Object> p = c.getProperties() == null ? new Hashtable<>() : copy(c.getProperties());
        p.put(key, value);
        c.update(p);
    }

    private void restore(String pid, Dictionary<String, Object> previous) {
        try {
            Configuration c = configurations.getConfiguration(pid, "?");
            if (previous == null) {
                c.delete();
            } else {
                c.update(previous);
            }
        } catch (IOException | IllegalStateException e) {
            // the framework is stopping: nothing outlives this process's configuration
        }
    }

    private static Dictionary<String, Object> copy(Dictionary<String, Object> p) {
        Hashtable<String, Object> copy = new Hashtable<>();
        for (var keys = p.keys(); keys.hasMoreElements();) {
            String k = keys.nextElement();
            copy.put(k, p.get(k));
        }
        return copy;
    }
}
