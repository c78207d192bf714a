package ai.aragora.api.event;

import ai.aragora.api.internal.SmallMap;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One event. {@code seq} increases strictly within a debate, starting at 1; {@code round} is 0
 * outside rounds; {@code agent} is null when no single agent is concerned. {@code data} holds
 * JSON-compatible values only (strings, numbers, booleans, lists and maps of them).
 */
public record DebateEvent(String debateId, long seq, EventType type, Instant timestamp, int round, String agent,
        Map<String, Object> data) {

    public DebateEvent {
        Objects.requireNonNull(debateId, "debateId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(timestamp, "timestamp");
        if (seq < 1) {
            throw new IllegalArgumentException("seq starts at 1");
        }
        data = data == null ? Map.of() : SmallMap.copyOf(data);
    }

    /**
     * Event data from alternating keys and values, in that order, as an event keeps it (so the
     * event does not copy it again); null keys or values and a repeated key are refused, as by
     * {@link Map#of}.
     *
     * @since 1.3
     */
    public static Map<String, Object> data(Object... keysAndValues) {
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            if (!(keysAndValues[i] instanceof String)) {
                throw new IllegalArgumentException("event data keys are strings, got " + keysAndValues[i]);
            }
        }
        return SmallMap.of(keysAndValues);
    }
}
