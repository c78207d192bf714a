package ai.aragora.debate;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** One timer thread for every debate: timeouts are heap entries, never sleeping threads. */
final class SystemScheduler implements Scheduler {

    private final Clock clock = Clock.systemUTC();
    private final ScheduledThreadPoolExecutor timers;

    SystemScheduler() {
        timers = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "aragora-debate-timers");
            t.setDaemon(true);
            return t;
        });
        // Most timeouts are called off: keep the queue to the ones that may still fire.
        timers.setRemoveOnCancelPolicy(true);
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public Timer schedule(Runnable task, long delayNanos) {
        ScheduledFuture<?> future = timers.schedule(task, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public void shutdown() {
        timers.shutdownNow();
    }
}
