package ai.aragora.resilience;

import java.time.Duration;

/** Runs a task after a delay; the service uses its executor, tests run tasks at once and move a clock. */
@FunctionalInterface
interface Scheduler {

    void schedule(Runnable task, Duration delay);
}
