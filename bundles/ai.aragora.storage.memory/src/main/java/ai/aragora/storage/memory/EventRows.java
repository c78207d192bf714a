package ai.aragora.storage.memory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.aragora.api.event.DebateEvent;
import ai.aragora.api.event.EventType;

/**
 * One debate's events, each kept as a single array of its fields, keys and values, and made a
 * {@link DebateEvent} again when read. A running debate's events are most of what it holds besides
 * its texts: kept as records they cost an event, its map and the map's array (~130 bytes for five
 * entries), as a row ~80 (decision 0014, 2026-12-07 (afternoon)). Not thread-safe: the store's
 * entry lock guards it. Seq increases strictly from row to row.
 */
final class EventRows {

    private static final int TYPE = 0;
    private static final int TIMESTAMP = 1;
    private static final int AGENT = 2;
    private static final int ROUND = 3;
    private static final int SEQ = 4;
    private static final int DATA = 5;

    private final ArrayList<Object[]> rows = new ArrayList<>();

    long lastSeq() {
        return rows.isEmpty() ? 0 : seq(rows.get(rows.size() - 1));
    }

    /** Appends the event unless its seq is not after the last one's (a write replayed). */
    void add(DebateEvent e) {
        if (!rows.isEmpty() && e.seq() <= lastSeq()) {
            return;
        }
        Map<String, Object> data = e.data();
        Object[] row = new Object[DATA + 2 * data.size()];
        row[TYPE] = e.type();
        row[TIMESTAMP] = e.timestamp();
        row[AGENT] = e.agent();
        row[ROUND] = e.round();
        row[SEQ] = e.seq();
        int i = DATA;
        for (Map.Entry<String, Object> entry : data.entrySet()) {
            row[i++] = entry.getKey();
            row[i++] = entry.getValue();
        }
        rows.add(row);
    }

    /** Up to {@code limit} events after {@code afterSeq}, in seq order. */
    List<DebateEvent> after(String debateId, long afterSeq, int limit) {
        int lo = 0;
        int hi = rows.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (seq(rows.get(mid)) <= afterSeq) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        int to = (int) Math.min(rows.size(), (long) lo + limit);
        List<DebateEvent> events = new ArrayList<>(Math.max(0, to - lo));
        for (int r = lo; r < to; r++) {
            events.add(event(debateId, rows.get(r)));
        }
        return List.copyOf(events);
    }

    private static long seq(Object[] row) {
        return (Long) row[SEQ];
    }

    private static DebateEvent event(String debateId, Object[] row) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = DATA; i < row.length; i += 2) {
            data.put((String) row[i], row[i + 1]);
        }
        return new DebateEvent(debateId, seq(row), (EventType) row[TYPE], (Instant) row[TIMESTAMP], (Integer) row[ROUND],
                (String) row[AGENT], data);
    }
}
