package ai.aragora.debate;

import java.time.Instant;

/** Time for the engine: the clocks it reads and the timers it sets (phase timeouts, successor grace). */
interface Scheduler {

    long nanoTime();

    Instant now();

    /** Runs {@code task} once after {@code delayNanos}, on the scheduler's own thread. */
    Timer schedule(Runnable task, long delayNanos);

    void shutdown();

    /** A pending task that can be called off. */
    interface Timer {
        void cancel();
    }
}
