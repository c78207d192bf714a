package ai.aragora.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.aragora.api.event.DebateEvent;
import ai.aragora.api.event.EventType;

class StreamProtocolTest {

    private final StreamProtocol protocol = new StreamProtocol(new ObjectMapper());

    @Test
    void parsesSubscriptions() {
        assertThat(protocol.parse("{\"type\":\"subscribe\",\"debate_id\":\"d-1\"}")).isEqualTo(new StreamProtocol.Subscribe("d-1"));
        assertThat(protocol.parse("{\"type\":\"unsubscribe\",\"debate_id\":\"d-1\"}")).isEqualTo(new StreamProtocol.Unsubscribe("d-1"));
        assertThat(protocol.parse("{\"type\":\"ping\"}")).isEqualTo(new StreamProtocol.Ping());
        assertThat(protocol.parse("{\"type\":\"subscribe\",\"scope\":\"org\"}")).isEqualTo(new StreamProtocol.SubscribeOrg());
        assertThat(protocol.parse("{\"type\":\"unsubscribe\",\"scope\":\"org\"}")).isEqualTo(new StreamProtocol.UnsubscribeOrg());
        assertThat(protocol.parse("{\"type\":\"subscribe\",\"scope\":\"world\"}")).extracting("code").isEqualTo("invalid_scope");
        assertThat(protocol.parse("{\"type\":\"subscribe\",\"scope\":\"org\",\"debate_id\":\"d\"}")).extracting("code")
                .isEqualTo("invalid_scope");
        assertThat(protocol.parse("{\"type\":\"subscribe\",\"scope\":\"org\"}")).isEqualTo(new StreamProtocol.SubscribeOrg());
        assertThat(protocol.parse("{\"type\":\"unsubscribe\",\"scope\":\"org\"}")).isEqualTo(new StreamProtocol.UnsubscribeOrg());
        assertThat(protocol.parse("{\"type\":\"subscribe\",\"scope\":\"world\"}")).extracting("code").isEqualTo("invalid_scope");
    }

    @Test
    void rejectsWhatItCannotUnderstandWithACode() {
        assertThat(protocol.parse("not json")).isEqualTo(new StreamProtocol.Invalid("message is not valid JSON", "invalid_json"));
        assertThat(protocol.parse("[1]")).extracting("code").isEqualTo("invalid_message");
        assertThat(protocol.parse("{}")).extracting("code").isEqualTo("invalid_message");
        assertThat(protocol.parse("{\"type\":\"shout\"}")).extracting("code").isEqualTo("unknown_type");
        assertThat(protocol.parse("{\"type\":\"subscribe\"}")).extracting("code").isEqualTo("invalid_debate_id");
        assertThat(protocol.parse("{\"type\":\"subscribe\",\"debate_id\":\"../../etc\"}")).extracting("code").isEqualTo("invalid_debate_id");
        assertThat(protocol.parse("{\"type\":\"subscribe\",\"debate_id\":42}")).extracting("code").isEqualTo("invalid_debate_id");
    }

    @Test
    void eventsCarryTheirSequenceAndDebate() {
        DebateEvent event = new DebateEvent("d-1", 7, EventType.AGENT_MESSAGE, Instant.parse("2026-11-22T10:00:00Z"), 2,
                "demo-critical", Map.of("content", "text"));
        assertThat(protocol.event(event)).isEqualTo("{\"type\":\"agent_message\",\"data\":{\"content\":\"text\"},"
                + "\"timestamp\":\"2026-11-22T10:00:00Z\",\"round\":2,\"agent\":\"demo-critical\",\"seq\":7,\"loop_id\":\"d-1\"}");
    }

    @Test
    void connectionInfoSaysWhoIsConnected() {
        assertThat(protocol.connectionInfo("c-9", false, false))
                .contains("\"type\":\"connection_info\"", "\"client_id\":\"c-9\"", "\"authenticated\":false", "\"write_access\":false");
    }
}
