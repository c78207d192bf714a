package ai.aragora.debate;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Timers for many debates on one thread, as a hashed wheel of {@value #SLOTS} slots of
 * {@value #TICK_MILLIS} ms: setting and calling off a timer is one lock-free enqueue; the wheel's
 * thread files new timers into their slots, unlinks called-off ones and runs those due, tick by
 * tick. Nearly every engine timer (a phase's timeout, a lookup's deadline) is called off, which a
 * heap under one lock paid for twice with tens of thousands waiting (decision 0014, 2026-12-07). A
 * timer runs up to one tick late.
 */
final class TimingWheel {

    static final long TICK_MILLIS = 10;
    static final int SLOTS = 512;
    private static final long TICK = TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
    private static final Logger LOG = LoggerFactory.getLogger(TimingWheel.class);

    private static final int WAITING = 0;
    private static final int CALLED_OFF = 1;
    private static final int RAN = 2;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Entry.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** One timer; linked into its slot by the wheel's thread only. */
    final class Entry implements Scheduler.Timer {
        final long deadline;
        final Runnable task;
        /** {@link #WAITING}, then {@link #CALLED_OFF} or {@link #RAN}, through {@link #STATE}. */
        volatile int state = WAITING;
        long rounds;
        int slot = -1;
        Entry prev;
        Entry next;

        Entry(long deadline, Runnable task) {
            this.deadline = deadline;
            this.task = task;
        }

        @Override
        public void cancel() {
            if (STATE.compareAndSet(this, WAITING, CALLED_OFF)) {
                calledOff.add(this);
            }
        }
    }

    private final Entry[] heads = new Entry[SLOTS];
    private final Queue<Entry> added = new ConcurrentLinkedQueue<>();
    private final Queue<Entry> calledOff = new ConcurrentLinkedQueue<>();
    /** Owned by the wheel's thread: timers linked into slots. */
    private volatile int linked;
    private final long start = System.nanoTime();
    private final Thread thread;
    private volatile boolean stopped;
    /** Owned by the wheel's thread: ticks done since start. */
    private long tick;

    TimingWheel(String threadName) {
        thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    Scheduler.Timer schedule(Runnable task, long delayNanos) {
        Entry e = new Entry(System.nanoTime() + Math.max(0, delayNanos), task);
        added.add(e);
        return e;
    }

    /** Timers the wheel still holds: set, and neither run nor dropped after being called off (for tests: it counts). */
    int waiting() {
        return linked + added.size();
    }

    void stop() {
        stopped = true;
        LockSupport.unpark(thread);
    }

    private void run() {
        while (!stopped) {
            long due = start + (tick + 1) * TICK;
            long now;
            while ((now = System.nanoTime()) - due < 0 && !stopped) {
                LockSupport.parkNanos(this, due - now);
            }
            if (stopped) {
                return;
            }
            fileAdded();
            unlinkCalledOff();
            expire();
            tick++;
        }
    }

    private void fileAdded() {
        Entry e;
        while ((e = added.poll()) != null) {
            if (e.state != WAITING) {
                continue;
            }
            long ticks = Math.max(tick, (e.deadline - start) / TICK);
            e.rounds = (ticks - tick) / SLOTS;
            e.slot = (int) (ticks & (SLOTS - 1));
            e.next = heads[e.slot];
            if (e.next != null) {
                e.next.prev = e;
            }
            heads[e.slot] = e;
            linked++;
        }
    }

    private void unlinkCalledOff() {
        Entry e;
        while ((e = calledOff.poll()) != null) {
            if (e.slot >= 0) {
                unlink(e);
            }
        }
    }

    /** Runs the current slot's timers of this round: their deadlines fall within the tick just ended. */
    private void expire() {
        Entry e = heads[(int) (tick & (SLOTS - 1))];
        while (e != null) {
            Entry next = e.next;
            if (e.rounds > 0) {
                e.rounds--;
            } else {
                unlink(e);
                if (STATE.compareAndSet(e, WAITING, RAN)) {
                    try {
                        e.task.run();
                    } catch (RuntimeException | Error failed) {
                        LOG.error("an engine timer failed", failed);
                    }
                }
            }
            e = next;
        }
    }

    private void unlink(Entry e) {
        if (e.prev != null) {
            e.prev.next = e.next;
        } else if (heads[e.slot] == e) {
            heads[e.slot] = e.next;
        }
        if (e.next != null) {
            e.next.prev = e.prev;
        }
        e.prev = null;
        e.next = null;
        e.slot = -1;
        linked--;
    }
}
