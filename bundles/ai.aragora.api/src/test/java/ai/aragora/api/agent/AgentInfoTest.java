package ai.aragora.api.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AgentInfoTest {

    @Test
    void namesAreOneToSixtyFourOfLowerCaseLettersDigitsDotUnderscoreAndHyphenStartingWithALetterOrDigit() {
        for (String ok : new String[] {"a", "9", "demo-critical", "anthropic-api", "gpt-4.1_mini", "a".repeat(64), "x--"}) {
            assertThat(AgentInfo.isValidName(ok)).as(ok).isTrue();
        }
        for (String bad : new String[] {"", "-a", ".a", "_a", "A", "demo critical", "é", "a".repeat(65), "a/b", "a:b"}) {
            assertThat(AgentInfo.isValidName(bad)).as(bad).isFalse();
        }
        assertThat(AgentInfo.isValidName(null)).isFalse();
        assertThatThrownBy(() -> new AgentInfo("Demo", null, null, null, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("agent name 'Demo' must be 1-64 of a-z 0-9 . _ -");
    }
}
