package ai.aragora.debate.cli;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

import ai.aragora.api.debate.ConsensusMode;
import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.debate.DebateService;
import ai.aragora.api.debate.DebateStatus;

/**
 * The benchmark's load: keeps a number of debates in flight until enough have finished, timing
 * each and counting its sequential agent turns, and measures the heap that running debates hold.
 * Its one timer thread starts debates, retries refused starts and prints the progress.
 */
final class DebateLoad implements AutoCloseable {

    private final DebateService debates;
    private final PrintStream err;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "aragora-benchmark");
        t.setDaemon(true);
        return t;
    });

    DebateLoad(DebateService debates, PrintStream err) {
        this.debates = debates;
        this.err = err;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** Runs {@code n} of the plan's debates, {@code concurrent} at a time; progress is printed each second under {@code label}, if any. */
    BenchmarkCommand.Run run(BenchmarkCommand.Plan plan, int n, int concurrent, long latencyMillis, String label)
            throws InterruptedException {
        BenchmarkCommand.Run run = new BenchmarkCommand.Run();
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

    private static void record(DebateResult result, int i, BenchmarkCommand.Run run, Map<DebateStatus, AtomicInteger> statuses) {
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
    double heapPerRunningDebate(BenchmarkCommand.Plan plan) throws InterruptedException {
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
}
