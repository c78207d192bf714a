package ai.aragora.resilience;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** A clock the test moves, and a scheduler that records each delay, moves the clock by it and runs the task. */
final class FakeTime extends Clock implements Scheduler {

    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    final List<Duration> delays = new ArrayList<>();

    long nanos() {
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    void advance(Duration d) {
        now = now.plus(d);
    }

    @Override
    public void schedule(Runnable task, Duration delay) {
        delays.add(delay);
        advance(delay);
        task.run();
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
