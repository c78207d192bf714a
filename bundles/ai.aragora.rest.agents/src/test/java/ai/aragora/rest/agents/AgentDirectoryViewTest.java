package ai.aragora.rest.agents;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import ai.aragora.api.agent.AgentInfo;

class AgentDirectoryViewTest {

    @Test
    void versionsCompareNumerically() {
        assertThat(AgentDirectoryView.compareVersions("1.10.0", "1.9.3")).isPositive();
        assertThat(AgentDirectoryView.compareVersions("2.0", "2.0.0")).isZero();
        assertThat(AgentDirectoryView.compareVersions("1.0.0.SNAPSHOT", "1.0.0")).isPositive();
    }

    @Test
    void theNewerOfTwoAgentsWithOneNameWins() {
        AgentInfo v1 = new AgentInfo("claude", "anthropic", "m", "anthropic", "1.0.0");
        AgentInfo v2 = new AgentInfo("claude", "anthropic", "m", "anthropic", "2.0.0");
        assertThat(AgentDirectoryView.newer(v1, v2)).isSameAs(v2);
        assertThat(AgentDirectoryView.newer(v2, v1)).isSameAs(v2);
    }
}
