package ai.aragora.api.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

class EventDataTest {

    @Test
    void anEventKeepsTheMapEventDataMakesAsItIs() {
        Map<String, Object> data = EventData.of(EventData.CHOICE, "b", EventData.CONFIDENCE, 0.8, EventData.INDEX, 3);
        DebateEvent event = new DebateEvent("d1", 1, EventType.VOTE, Instant.EPOCH, 1, "a", data);

        assertThat(event.data()).isSameAs(data).containsExactly(Map.entry("choice", "b"), Map.entry("confidence", 0.8),
                Map.entry("index", 3));
        // the accessor stays usable as a method reference
        Function<DebateEvent, Map<String, Object>> read = DebateEvent::data;
        assertThat(read.apply(event)).isSameAs(data);
    }

    @Test
    void keysAreStringsAndComeWithAValue() {
        assertThatThrownBy(() -> EventData.of(1, "one")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("event data keys are strings, got 1");
        assertThatThrownBy(() -> EventData.of("a", 1, "b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pairs");
        assertThatThrownBy(() -> EventData.of("a", null)).isInstanceOf(NullPointerException.class);
    }
}
