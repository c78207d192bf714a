package ai.aragora.debate;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs a debate's steps one at a time on a shared executor: a signal while a step runs makes it
 * run once more, never on a second thread; signals that arrive together cost one step.
 */
final class Steps {

    private final Executor executor;
    private final Runnable step;
    private final Consumer<Throwable> crash;
    private final AtomicInteger wip = new AtomicInteger();
    private final Runnable drainTask = this::drain;

    Steps(Executor executor, Runnable step, Consumer<Throwable> crash) {
        this.executor = executor;
        this.step = step;
        this.crash = crash;
    }

    /** The next step runs on the executor unless a step is running now. */
    void signal() {
        if (wip.getAndIncrement() == 0) {
            executor.execute(drainTask);
        }
    }

    private void drain() {
        int missed = 1;
        do {
            try {
                step.run();
            } catch (RuntimeException | Error e) {
                crash.accept(e);
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }
}
