package ai.aragora.agents.llm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AgentsConsolePluginTest {

    @Test
    void countsEveryCallAndTheFailedOnesPerAgent() {
        AgentCallMetrics metrics = new AgentCallMetrics();
        metrics.calls.labels("claude", "ok").inc(3);
        metrics.calls.labels("claude", "timeout").inc();
        metrics.calls.labels("claude", "rate_limited").inc(2);
        metrics.calls.labels("gpt", "ok").inc();
        AgentsConsolePlugin plugin = new AgentsConsolePlugin(null, metrics, null);

        assertThat(plugin.calls()).hasSize(2);
        assertThat(plugin.calls().get("claude")).containsExactly(6, 3);
        assertThat(plugin.calls().get("gpt")).containsExactly(1, 0);
    }
}
