package ai.aragora.debate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Time that moves only when a test says so; timers fire inside {@link #advance}. */
final class ManualScheduler implements Scheduler {

    private static final Instant EPOCH = Instant.parse("2026-11-22T10:00:00Z");

    private record Task(long due, long order, Runnable run, boolean[] cancelled) {
    }

    private final List<Task> tasks = new ArrayList<>();
    private long now;
    private long order;

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized Instant now() {
        return EPOCH.plusNanos(now);
    }

    @Override
    public synchronized Timer schedule(Runnable task, long delayNanos) {
        boolean[] cancelled = {false};
        tasks.add(new Task(now + Math.max(0, delayNanos), order++, task, cancelled));
        return () -> cancelled[0] = true;
    }

    @Override
    public void shutdown() {
    }

    /** Moves the clock on, running every timer that falls due, in order. */
    void advance(long nanos) {
        long target;
        synchronized (this) {
            target = now + nanos;
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.stream().filter(t -> t.due <= target && !t.cancelled[0])
                        .min(Comparator.comparingLong(Task::due).thenComparingLong(Task::order)).orElse(null);
                if (next == null) {
                    now = target;
                    tasks.removeIf(t -> t.cancelled[0] || t.due <= target);
                    return;
                }
                tasks.remove(next);
                now = Math.max(now, next.due);
            }
            next.run.run();
        }
    }

    void advanceSeconds(double seconds) {
        advance((long) (seconds * 1e9));
    }

    synchronized int pending() {
        return (int) tasks.stream().filter(t -> !t.cancelled[0]).count();
    }
}
