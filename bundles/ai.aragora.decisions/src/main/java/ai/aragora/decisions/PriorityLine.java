package ai.aragora.decisions;

import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;

import ai.aragora.api.decision.Priority;

/**
 * The decisions waiting for an engine slot. Urgent ones always start first. Below urgent, a
 * decision that has waited longer than the aging bound of its priority goes before any fresh
 * high, normal or low one, so a low decision starts within its bound however much high and
 * normal work keeps arriving (only a stream of urgent work that alone fills every slot can hold
 * it longer). Otherwise high, then normal, then low, each in arrival order. Not thread-safe: the
 * router guards it.
 */
final class PriorityLine<T> {

    private record Waiting<T>(T item, long since) {
    }

    private final Map<Priority, ArrayDeque<Waiting<T>>> lines = new EnumMap<>(Priority.class);
    private final Map<Priority, Long> agingNanos = new EnumMap<>(Priority.class);
    private int size;

    /** @param agingNanos how long a decision of each priority below urgent may wait before it goes first */
    PriorityLine(long lowAgingNanos, long normalAgingNanos, long highAgingNanos) {
        for (Priority p : Priority.values()) {
            lines.put(p, new ArrayDeque<>());
        }
        aging(lowAgingNanos, normalAgingNanos, highAgingNanos);
    }

    /** New aging bounds; the decisions waiting keep their places and how long they have waited. */
    void aging(long lowAgingNanos, long normalAgingNanos, long highAgingNanos) {
        agingNanos.put(Priority.LOW, lowAgingNanos);
        agingNanos.put(Priority.NORMAL, normalAgingNanos);
        agingNanos.put(Priority.HIGH, highAgingNanos);
    }

    void add(T item, Priority priority, long nowNanos) {
        lines.get(priority).addLast(new Waiting<>(item, nowNanos));
        size++;
    }

    /** The next decision to start, or null when none waits. */
    T next(long nowNanos) {
        if (size == 0) {
            return null;
        }
        ArrayDeque<Waiting<T>> chosen = lines.get(Priority.URGENT);
        if (chosen.isEmpty()) {
            chosen = overdue(nowNanos);
        }
        if (chosen == null) {
            for (Priority p : new Priority[] {Priority.HIGH, Priority.NORMAL, Priority.LOW}) {
                if (!lines.get(p).isEmpty()) {
                    chosen = lines.get(p);
                    break;
                }
            }
        }
        size--;
        return chosen.pollFirst().item();
    }

    /** Takes a waiting decision out of line (it was cancelled); false if it is not waiting. */
    boolean remove(T item) {
        for (ArrayDeque<Waiting<T>> line : lines.values()) {
            for (Iterator<Waiting<T>> it = line.iterator(); it.hasNext();) {
                if (it.next().item().equals(item)) {
                    it.remove();
                    size--;
                    return true;
                }
            }
        }
        return false;
    }

    int size() {
        return size;
    }

    int waiting(Priority priority) {
        return lines.get(priority).size();
    }

    /** The line whose head is furthest past its aging bound, or null when no head is past it. */
    private ArrayDeque<Waiting<T>> overdue(long nowNanos) {
        ArrayDeque<Waiting<T>> most = null;
        long mostLate = 0;
        for (Map.Entry<Priority, Long> aging : agingNanos.entrySet()) {
            ArrayDeque<Waiting<T>> line = lines.get(aging.getKey());
            Waiting<T> head = line.peekFirst();
            if (head != null) {
                long late = nowNanos - head.since() - aging.getValue();
                if (late >= 0 && (most == null || late > mostLate)) {
                    most = line;
                    mostLate = late;
                }
            }
        }
        return most;
    }
}
