package ai.aragora.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StreamEventTest {

    @Test
    void travelsTheBusAndBackWithItsJsonUntouched() {
        StreamEvent event = new StreamEvent("d-1", "org-a", 42, true, "{\"type\":\"debate_end\",\"data\":{\"text\":\"a\\nb\"}}");
        assertThat(StreamEvent.parse(event.payload())).isEqualTo(event);
        StreamEvent orgless = new StreamEvent("d-1", null, 1, false, "{}");
        assertThat(StreamEvent.parse(orgless.payload())).isEqualTo(orgless);
    }

    @Test
    void whatIsNotAnEventIsNull() {
        assertThat(StreamEvent.parse("hello")).isNull();
        assertThat(StreamEvent.parse("d\norg\nseven\n0\n{}")).isNull();
        assertThat(StreamEvent.parse("d\norg\n0\n0\n{}")).isNull();
        assertThat(StreamEvent.parse("\norg\n1\n0\n{}")).isNull();
    }
}
