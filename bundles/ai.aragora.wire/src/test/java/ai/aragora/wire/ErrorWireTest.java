package ai.aragora.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ErrorWireTest {

    @Test
    void anErrorHasItsMessageCodeAndTraceIdInThatOrder() {
        assertThat(ErrorWire.error(429, "too many login attempts: retry in a minute", "req-1"))
                .containsExactly(Map.entry("error", "too many login attempts: retry in a minute"),
                        Map.entry("code", "rate_limited"), Map.entry("trace_id", "req-1"));
        assertThat(ErrorWire.error(401, "invalid or expired credentials", null)).containsEntry("trace_id", null);
    }

    @Test
    void unlistedStatusesGetAGenericCode() {
        assertThat(ErrorWire.code(413)).isEqualTo("payload_too_large");
        assertThat(ErrorWire.code(502)).isEqualTo("internal_error");
        assertThat(ErrorWire.code(418)).isEqualTo("error");
    }
}
