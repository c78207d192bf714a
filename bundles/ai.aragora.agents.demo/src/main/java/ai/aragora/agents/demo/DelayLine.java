package ai.aragora.agents.demo;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Completes futures after a delay, from one thread. An agent's calls all wait the same delay, so their
 * deadlines come in the order they were asked: each delay has a first-in-first-out line, and the
 * thread sleeps until the earliest head is due. Scheduling is one lock-free enqueue; a
 * {@code ScheduledThreadPoolExecutor} would insert into a heap under a lock it shares with its
 * delivering thread, which with tens of thousands of calls waiting cost a fifth of a benchmark's
 * CPU (decision 0014, 2026-12-07).
 */
final class DelayLine {

    private static final long IDLE = Long.MAX_VALUE;

    private record Pending(long due, CompletableFuture<Object> future, Object value) {
    }

    private final Map<Long, Queue<Pending>> lines = new ConcurrentHashMap<>();
    private final Thread thread;
    /** When the thread next wakes by itself, or {@link #IDLE}; a sooner deadline wakes it. */
    private volatile long wakeAt = IDLE;
    private volatile boolean stopped;

    DelayLine(String threadName) {
        thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Completes {@code future} with {@code value} after {@code delayMillis}.
     *
     * @throws RejectedExecutionException once closed
     */
    @SuppressWarnings("unchecked")
    <T> void complete(CompletableFuture<T> future, T value, long delayMillis) {
        if (stopped) {
            throw new RejectedExecutionException("the delay line is closed");
        }
        long due = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis);
        Queue<Pending> line = lines.computeIfAbsent(delayMillis, k -> new ConcurrentLinkedQueue<>());
        Pending p = new Pending(due, (CompletableFuture<Object>) future, value);
        line.add(p);
        if (stopped && line.remove(p)) {
            // closed while this was added: close() may have drained the line already
            throw new RejectedExecutionException("the delay line is closed");
        }
        long planned = wakeAt;
        if (planned == IDLE || due - planned < 0) {
            LockSupport.unpark(thread);
        }
    }

    /** Futures waiting for their delay (for tests: it counts). */
    int pending() {
        return lines.values().stream().mapToInt(Queue::size).sum();
    }

    private void run() {
        while (!stopped) {
            long now = System.nanoTime();
            long next = deliverDue(now);
            // Published before looking again: a task added meanwhile either is seen now or sees this.
            wakeAt = next;
            long again = earliest();
            if (again != IDLE && (next == IDLE || again - next < 0)) {
                continue;
            }
            if (next == IDLE) {
                LockSupport.park(this);
            } else {
                LockSupport.parkNanos(this, next - now);
            }
        }
    }

    /** Completes every future due at {@code now}; the earliest deadline still waiting, or {@link #IDLE}. */
    private long deliverDue(long now) {
        long next = IDLE;
        for (Queue<Pending> line : lines.values()) {
            Pending head;
            while ((head = line.peek()) != null && head.due() - now <= 0) {
                line.poll();
                head.future().complete(head.value());
            }
            if (head != null && (next == IDLE || head.due() - next < 0)) {
                next = head.due();
            }
        }
        return next;
    }

    private long earliest() {
        long next = IDLE;
        for (Queue<Pending> line : lines.values()) {
            Pending head = line.peek();
            if (head != null && (next == IDLE || head.due() - next < 0)) {
                next = head.due();
            }
        }
        return next;
    }

    /** Stops the thread; futures still waiting fail with {@code reason}. */
    void close(Throwable reason) {
        stopped = true;
        LockSupport.unpark(thread);
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Queue<Pending> line : lines.values()) {
            Pending p;
            while ((p = line.poll()) != null) {
                p.future().completeExceptionally(reason);
            }
        }
    }
}
