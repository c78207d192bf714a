package ai.aragora.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.aragora.launcher.spi.UsageException;

/** The demo agents' simulated latency reaches their bundle through Configuration Admin, never the environment. */
class DemoSettingsTest {

    private static final Configurations.Secrets SECRETS = new Configurations.Secrets("a", "j", "s");

    @Test
    void theLatencyMapsOntoTheDemoAgentsPid() throws Exception {
        Settings s = Settings.from(Map.of("ARAGORA_DEMO_LATENCY_MS", "1000"), Map.of());
        assertThat(s.demoLatencyMs()).contains(1000);
        assertThat(Configurations.of(s, SECRETS, new EncryptionKeys(List.of(), 1), "test", List.of()).get(Configurations.DEMO_AGENTS_PID))
                .containsExactly(Map.entry("latency.ms", 1000));
    }

    @Test
    void unsetLeavesTheBundleDefault() throws Exception {
        assertThat(Configurations.of(Settings.from(Map.of(), Map.of()), SECRETS, new EncryptionKeys(List.of(), 1), "test", List.of()))
                .doesNotContainKey(Configurations.DEMO_AGENTS_PID);
    }

    @Test
    void aFeatureDefaultYieldsToTheEnvironment() throws Exception {
        Feature demo = new Feature("demo", "id", "", List.of(),
                Map.of(Configurations.DEMO_AGENTS_PID, Map.of("latency.ms", 5L, "agent.latency.ms", "demo-critical=9")));
        Map<String, Object> config = Configurations.of(Settings.from(Map.of("ARAGORA_DEMO_LATENCY_MS", "250"), Map.of()),
                SECRETS, new EncryptionKeys(List.of(), 1), "test", List.of(demo)).get(Configurations.DEMO_AGENTS_PID);
        assertThat(config).containsEntry("latency.ms", 250).containsEntry("agent.latency.ms", "demo-critical=9");
    }

    @Test
    void aLatencyThatIsNotAWholeNumberOfMillisecondsIsAUsageError() {
        assertThatThrownBy(() -> Settings.from(Map.of("ARAGORA_DEMO_LATENCY_MS", "1s"), Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("ARAGORA_DEMO_LATENCY_MS");
        assertThatThrownBy(() -> Settings.from(Map.of("ARAGORA_DEMO_LATENCY_MS", "-5"), Map.of()))
                .isInstanceOf(UsageException.class);
    }
}
