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
}
