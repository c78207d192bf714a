package ai.aragora.debate.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import ai.aragora.api.debate.ConsensusMode;
import ai.aragora.api.debate.DebateService;
import ai.aragora.api.debate.DebateSpec;
import ai.aragora.api.receipt.ReceiptStore;
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
 *
 * <p>The debates are driven by {@link DebateLoad}; the configuration a run needs is set and put
 * back by {@link BenchmarkSettings}.
 */
@Component(property = {Command.NAME + "=benchmark", Command.SUMMARY + "=" + BenchmarkCommand.SUMMARY})
public class BenchmarkCommand implements Command {

    static final String SUMMARY = "measure the engine: benchmark --debates N --concurrent C --rounds R [--latency-ms L] [--agents a,b,c]";
    static final String HELP = "usage: aragora benchmark [--debates N] [--concurrent C] [--rounds R] [--min-rounds M]"
            + " [--latency-ms L] [--agents a,b,c] [--consensus MODE] [--warmup W] [--receipts on|off] [--prior-knowledge on|off] [--retain N]"
            + " [--watchers W (with the http feature, on --api-port and --ws-port)] [--bus-rate R --bus-seconds S (with ARAGORA_REDIS_URL)]"
            + " [--start-at EPOCH_MS] [--times FILE] | --merge FILE,FILE,...";
    static final String TASK = "Should we adopt exponential backoff with jitter?";

    private static final CommandLine.Syntax SYNTAX = CommandLine.syntax().value("debates", "concurrent", "rounds", "min-rounds",
            "latency-ms", "agents", "consensus", "warmup", "receipts", "prior-knowledge", "retain", "watchers", "bus-rate",
            "bus-seconds", "start-at", "times", "merge");

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
            ConsensusMode consensus, int warmup, boolean receipts, boolean priorKnowledge, int retain, int watchers, int busRate,
            int busSeconds, long startAt, String times, List<String> merge) {

        DebateSpec spec(long seed) {
            return DebateSpec.builder(TASK).agents(agents).rounds(rounds).minRounds(minRounds).consensus(consensus)
                    .priorKnowledge(priorKnowledge).seed(seed).build();
        }
    }

    static Plan plan(List<String> args) throws UsageException {
        CommandLine flags = SYNTAX.parse(args);
        flags.noPositional();
        int n = flags.integer("debates", 1000, 1, 100_000_000);
        int rounds = flags.integer("rounds", DebateSpec.DEFAULT_ROUNDS, 1, DebateSpec.MAX_ROUNDS);
        String receipts = flags.choice("receipts", "on", "on", "off");
        // off: with the knowledge feature, what its learning costs alone (the lookup's share is the difference)
        String prior = flags.choice("prior-knowledge", "on", "on", "off");
        try {
            return new Plan(n, flags.integer("concurrent", 100, 1, 1_000_000), rounds,
                    flags.integer("min-rounds", rounds, 1, rounds), flags.integer("latency-ms", 0, 0, 600_000),
                    flags.list("agents", DebateSpec.DEFAULT_AGENTS), ConsensusMode.parse(flags.value("consensus", "majority")),
                    flags.integer("warmup", Math.min(n, 2000), 0, 100_000_000), receipts.equals("on"), prior.equals("on"),
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
        if (!roster.awaitNames(plan.agents(), BenchmarkSettings.CONFIG_WAIT_MILLIS)) {
            err.println("aragora benchmark: agents not available: " + plan.agents() + " (registered: " + roster.names() + ")");
            return USAGE;
        }
        BenchmarkSettings settings = new BenchmarkSettings(context, configurations, roster);
        DebateLoad load = new DebateLoad(debates, err);
        try {
            // The in-memory store keeps finished debates for the API; the benchmark keeps few so the
            // garbage collector copies the engine's work, not a cache of old transcripts.
            settings.retain(plan.retain());
            settings.receipts(plan.receipts());
            settings.latency(plan.agents(), Warmup.latency(plan));
            if (plan.warmup() > 0) {
                boolean settle = !(plan.receipts() && receiptsInHeap());
                err.println("benchmark: warming up with " + (settle ? "batches of " : "") + plan.warmup() + " debates at a latency of "
                        + Warmup.latency(plan) + " ms" + (settle ? " until the JIT settles"
                                : " (one batch: without a storage bundle's receipt store, every warm-up receipt's chain entry would stay in the heap measured)"));
                long warmed = Warmup.run(load, plan, settle, err);
                err.println("benchmark: warmed up with " + warmed + " debates");
                long settled = Quiet.await(err);
                err.println("benchmark: the warm-up's background work (receipts, knowledge learning) settled in " + settled + " ms");
            }
            settings.latency(plan.agents(), plan.latencyMillis());
            err.println("benchmark: " + plan.debates() + " debates, " + plan.concurrent() + " at a time, " + plan.rounds()
                    + " rounds, " + String.join(",", plan.agents()) + ", latency " + plan.latencyMillis() + " ms, receipts "
                    + (plan.receipts() ? "on" : "off"));
            if (plan.watchers() > 0) {
                new WatcherBenchmark(context, configurations).run(plan,
                        (label, n) -> load.run(plan, n, plan.concurrent(), plan.latencyMillis(), label), out, err);
                return OK;
            }
            if (plan.startAt() > 0) {
                SharedRuns.awaitStart(plan.startAt(), err);
            }
            Run run = load.run(plan, plan.debates(), plan.concurrent(), plan.latencyMillis(), "benchmark");
            if (plan.times() != null) {
                SharedRuns.write(java.nio.file.Path.of(plan.times()), args, run);
            }
            double heapPerDebate = plan.latencyMillis() > 0 ? load.heapPerRunningDebate(plan) : Double.NaN;
            report(plan, run, heapPerDebate, out);
            return run.failed > 0 ? FAILED : OK;
        } catch (IllegalStateException e) {
            err.println("aragora benchmark: " + e.getMessage());
            return FAILED;
        } finally {
            load.close();
            settings.restore();
        }
    }

    /** Whether no storage bundle keeps the receipts: the ledger's own store then holds every receipt's chain entry in this heap. */
    private boolean receiptsInHeap() {
        return context.getServiceReference(ReceiptStore.class) == null;
    }

    /** What a run measured. */
    static final class Run {
        long[] nanos;
        int[] phases;
        long elapsedNanos;
        int failed;
        Map<String, Integer> statuses = new TreeMap<>();
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
}
