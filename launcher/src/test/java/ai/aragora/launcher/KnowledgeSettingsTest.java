package ai.aragora.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.aragora.launcher.spi.UsageException;

/** The Knowledge Mound's runbook variables reach its bundle through Configuration Admin. */
class KnowledgeSettingsTest {

    private static final Configurations.Secrets SECRETS = new Configurations.Secrets("a", "j", "s");

    private static Map<String, Object> config(Map<String, String> env) throws Exception {
        Settings s = Settings.from(env, Map.of());
        return Configurations.of(s, SECRETS, s.encryptionKeys(), "test", List.of()).get(KnowledgeSettings.PID);
    }

    @Test
    void onInTheDefaultWorkspaceUnlessTheEnvironmentSaysOtherwise() throws Exception {
        assertThat(config(Map.of())).containsEntry("enabled", true).containsEntry("default.workspace", "default");
        assertThat(config(Map.of("CP_ENABLE_KM", "false", "CP_KM_WORKSPACE", "ops-team")))
                .containsEntry("enabled", false).containsEntry("default.workspace", "ops-team");
    }

    @Test
    void badValuesAreRefusedByName() {
        assertThatThrownBy(() -> config(Map.of("CP_ENABLE_KM", "maybe"))).isInstanceOf(UsageException.class)
                .hasMessageContaining("CP_ENABLE_KM");
        assertThatThrownBy(() -> config(Map.of("CP_KM_WORKSPACE", "a b"))).isInstanceOf(UsageException.class)
                .hasMessageContaining("CP_KM_WORKSPACE");
    }

    private static Map<String, Object> embeddings(Map<String, String> env) throws Exception {
        Settings s = Settings.from(env, Map.of());
        return Configurations.of(s, SECRETS, s.encryptionKeys(), "test", List.of()).get(KnowledgeSettings.EMBEDDINGS_PID);
    }

    @Test
    void theEmbeddingEndpointIsConfiguredFromItsVariablesAndItsKeyNeverPrinted() throws Exception {
        assertThat(embeddings(Map.of())).isEmpty();
        assertThat(embeddings(Map.of("ARAGORA_KM_EMBEDDINGS_BASE_URL", "http://127.0.0.1:11434/v1", "ARAGORA_KM_EMBEDDINGS_MODEL",
                "nomic-embed-text", "ARAGORA_KM_EMBEDDINGS_DIMENSIONS", "768", "ARAGORA_KM_EMBEDDINGS_API_KEY", "sk-km")))
                .containsEntry("base.url", "http://127.0.0.1:11434/v1").containsEntry("model", "nomic-embed-text")
                .containsEntry("dimensions", 768).containsEntry(".api.key", "sk-km");
        assertThat(embeddings(Map.of("OPENAI_API_KEY", "sk-openai"))).containsEntry(".api.key", "sk-openai");
        assertThat(embeddings(Map.of("OPENAI_API_KEY", "sk-openai", "ARAGORA_KM_EMBEDDINGS_API_KEY", "sk-km")))
                .containsEntry(".api.key", "sk-km");
        assertThat(Settings.from(Map.of("ARAGORA_KM_EMBEDDINGS_API_KEY", "sk-km-secret"), Map.of()).knowledge().toString())
                .doesNotContain("sk-km-secret");
    }

    @Test
    void aBadEmbeddingEndpointIsRefusedByNameWithoutQuotingIt() {
        assertThatThrownBy(() -> embeddings(Map.of("ARAGORA_KM_EMBEDDINGS_BASE_URL", "http://u:sk-secret@host/v1")))
                .isInstanceOf(UsageException.class).hasMessageContaining("ARAGORA_KM_EMBEDDINGS_BASE_URL")
                .hasMessageNotContaining("sk-secret");
        assertThatThrownBy(() -> embeddings(Map.of("ARAGORA_KM_EMBEDDINGS_DIMENSIONS", "0"))).isInstanceOf(UsageException.class)
                .hasMessageContaining("ARAGORA_KM_EMBEDDINGS_DIMENSIONS");
    }
}
