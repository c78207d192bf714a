package ai.aragora.debate;

import java.time.Clock;
import java.time.Instant;

/** One timer thread for every debate: timeouts are entries of a timing wheel, never sleeping threads. */
final class SystemScheduler implements Scheduler {

    private final Clock clock = Clock.systemUTC();
    private final TimingWheel timers = new TimingWheel("aragora-debate-timers");

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
        return timers.schedule(task, delayNanos);
    }

    @Override
    public void shutdown() {
        timers.stop();
    }
}
