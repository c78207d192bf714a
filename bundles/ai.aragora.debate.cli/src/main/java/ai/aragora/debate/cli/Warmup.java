package ai.aragora.debate.cli;

import java.io.PrintStream;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The benchmark's warm-up: batches of debates in the measured run's shape (its concurrency, up
 * to {@link #CONCURRENT}, and its timers and delayed answers at a latency of at most
 * {@link #LATENCY_MILLIS}) until the JIT compilers are done with what that shape makes hot.
 * One batch of 2,000 debates left a compiler thread busy through the first 45-60 s of the
 * measured run on two cores, about 40 % of the process's CPU (decision 0027, 2026-12-07): the
 * run measured compilation.
 */
final class Warmup {

    static final long LATENCY_MILLIS = 2;
    static final int CONCURRENT = 1000;
    /** Settled: the compilers worked less than this share of a batch's time, two batches in a row. */
    static final double SETTLED = 0.05;
    static final Duration AT_MOST = Duration.ofSeconds(180);

    /** One batch of warm-up debates, run to its end. */
    @FunctionalInterface
    interface Batch {
        void run() throws InterruptedException;
    }

    private Warmup() {
    }

    /** Runs one batch of {@code plan.warmup()} debates, and more while {@code settle} and the JIT is still busy; returns how many ran. */
    static long run(DebateLoad load, BenchmarkCommand.Plan plan, boolean settle, PrintStream err) throws InterruptedException {
        LongSupplier compiled = settle ? compilerMillis() : null;
        int concurrent = Math.min(plan.concurrent(), CONCURRENT);
        return plan.warmup() * run(() -> load.run(plan, plan.warmup(), concurrent, latency(plan), null), compiled, err);
    }

    /** Runs batches until the compilers settle ({@code compiledMillis} null: one batch); returns how many ran. */
    static int run(Batch batch, LongSupplier compiledMillis, PrintStream err) throws InterruptedException {
        long deadline = System.nanoTime() + AT_MOST.toNanos();
        int batches = 0;
        int quiet = 0;
        while (true) {
            long compiled = compiledMillis == null ? 0 : compiledMillis.getAsLong();
            long started = System.nanoTime();
            batch.run();
            batches++;
            if (compiledMillis == null) {
                return batches;
            }
            double millis = Math.max(1, (System.nanoTime() - started) / 1e6);
            quiet = (compiledMillis.getAsLong() - compiled) / millis < SETTLED ? quiet + 1 : 0;
            if (quiet == 2) {
                return batches;
            }
            if (System.nanoTime() > deadline) {
                err.println("benchmark: the JIT was still compiling " + AT_MOST.toSeconds() + " s into the warm-up; measuring anyway");
                return batches;
            }
        }
    }

    /** The compilers' total time in milliseconds so far, or null where the JVM does not tell. */
    static LongSupplier compilerMillis() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit::getTotalCompilationTime : null;
    }

    static long latency(BenchmarkCommand.Plan plan) {
        return Math.min(plan.latencyMillis(), LATENCY_MILLIS);
    }
}
