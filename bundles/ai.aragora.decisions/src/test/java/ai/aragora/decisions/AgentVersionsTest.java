package ai.aragora.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.aragora.api.agent.Agent;

class AgentVersionsTest {

    private static Map<String, Object> service(long id, String name, String version) {
        return Map.of("service.id", id, Agent.NAME, name, Agent.VERSION, version);
    }

    @Test
    void whileAProviderIsReplacedTheAgentStaysKnownAtTheVersionRegisteredLast() {
        AgentVersions versions = new AgentVersions();
        versions.add(service(1, "openai-api", "1.0.0"));
        versions.add(service(2, "openai-api", "1.1.0"));
        assertThat(versions.of("openai-api")).isEqualTo("1.1.0");

        versions.remove(service(1, "openai-api", "1.0.0"));
        assertThat(versions.names()).containsExactly("openai-api");
        assertThat(versions.of("openai-api")).isEqualTo("1.1.0");

        versions.remove(service(2, "openai-api", "1.1.0"));
        assertThat(versions.names()).isEmpty();
        assertThat(versions.of("openai-api")).isEmpty();
    }
}
