package ai.aragora.decisions;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import ai.aragora.api.decision.Priority;

/**
 * The engine slots and the line in front of them: a decision starts when a slot is free, in the
 * order {@link PriorityLine} gives; a slot frees when a decision finishes. Starting happens
 * outside the lock, so a slow start never holds up submissions.
 */
final class Dispatcher {

    private final Consumer<Entry> starter;
    private final PriorityLine<Entry> line;
    private int slots;
    private int running;
    private boolean closed;

    Dispatcher(Consumer<Entry> starter, int slots, long lowAgingNanos, long normalAgingNanos, long highAgingNanos) {
        this.starter = starter;
        this.slots = slots;
        this.line = new PriorityLine<>(lowAgingNanos, normalAgingNanos, highAgingNanos);
    }

    void resize(int newSlots, long lowAgingNanos, long normalAgingNanos, long highAgingNanos) {
        synchronized (this) {
            line.aging(lowAgingNanos, normalAgingNanos, highAgingNanos);
            slots = newSlots;
        }
        pump();
    }

    void submit(Entry entry) {
        synchronized (this) {
            line.add(entry, entry.request.priority(), System.nanoTime());
        }
        pump();
    }

    /** A running decision ended: its slot goes to the next in line. */
    void released() {
        synchronized (this) {
            running--;
        }
        pump();
    }

    /** Takes a waiting decision out of line; false when it is not waiting (it runs or ended). */
    synchronized boolean withdraw(Entry entry) {
        return line.remove(entry);
    }

    synchronized int waiting() {
        return line.size();
    }

    synchronized int waiting(Priority priority) {
        return line.waiting(priority);
    }

    synchronized int running() {
        return running;
    }

    /** Starts nothing more. */
    synchronized void close() {
        closed = true;
    }

    private void pump() {
        List<Entry> starting = new ArrayList<>(2);
        synchronized (this) {
            long now = System.nanoTime();
            while (!closed && running < slots && line.size() > 0) {
                starting.add(line.next(now));
                running++;
            }
        }
        for (Entry e : starting) {
            starter.accept(e);
        }
    }
}
