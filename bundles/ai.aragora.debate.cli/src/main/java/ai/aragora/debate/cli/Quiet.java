package ai.aragora.debate.cli;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Waits for this process to go quiet: the work a warm-up leaves behind on background threads
 * (receipts signed and stored, finished debates learned by the Knowledge Mound's adapters) is
 * the warm-up's, and would otherwise be charged to the measured run's first seconds.
 */
final class Quiet {

    /** Quiet: less than this share of one core used over a window. */
    static final double THRESHOLD = 0.05;
    static final Duration WINDOW = Duration.ofMillis(500);
    static final Duration AT_MOST = Duration.ofSeconds(60);

    private Quiet() {
    }

    /** Returns the milliseconds waited; gives up after {@link #AT_MOST}, saying so. */
    static long await(PrintStream err) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + AT_MOST.toNanos();
        long cpu = cpuNanos();
        while (System.nanoTime() < deadline) {
            Thread.sleep(WINDOW.toMillis());
            long now = cpuNanos();
            if (now - cpu < THRESHOLD * WINDOW.toNanos()) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            cpu = now;
        }
        err.println("benchmark: the process was still busy " + AT_MOST.toSeconds() + " s after the warm-up; measuring anyway");
        return AT_MOST.toMillis();
    }

    private static long cpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }
}
