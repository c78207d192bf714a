package ai.aragora.agents.llm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class HttpChatTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void retryAfterInSecondsOrAsAnHttpDate() {
        assertThat(HttpChat.retryAfter("30", NOW)).isEqualTo(Duration.ofSeconds(30));
        assertThat(HttpChat.retryAfter("1.5", NOW)).isEqualTo(Duration.ofMillis(1500));
        assertThat(HttpChat.retryAfter("Thu, 01 Jan 2026 00:01:00 GMT", NOW)).isEqualTo(Duration.ofMinutes(1));
        assertThat(HttpChat.retryAfter("soon", NOW)).isNull();
        assertThat(HttpChat.retryAfter(null, NOW)).isNull();
    }

    @Test
    void keysAreRedactedFromMessages() {
        assertThat(Redaction.clean("bad key sk-proj-abcdef123456 and my-secret-key", "my-secret-key"))
                .isEqualTo("bad key [redacted] and [redacted]");
        assertThat(Redaction.clean("key AIzaSyA1234567890", null)).isEqualTo("key [redacted]");
    }
}
