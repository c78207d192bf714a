package ai.aragora.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.aragora.launcher.spi.UsageException;

/** The provider keys and base URLs reach the provider bundles through Configuration Admin, never the environment. */
class ProviderSettingsTest {

    private static final Configurations.Secrets SECRETS = new Configurations.Secrets("a", "j", "s");
    private static final String KEY = "sk-ant-api03-secretvalue";

    private static Map<String, Map<String, Object>> configs(Map<String, String> env) throws Exception {
        return Configurations.of(Settings.from(env, Map.of()), SECRETS, new EncryptionKeys(List.of(), 1), "test", List.of());
    }

    @Test
    void everyProviderVariableMapsOntoItsBundle() throws Exception {
        Map<String, Map<String, Object>> configs = configs(Map.ofEntries(
                Map.entry("ANTHROPIC_API_KEY", KEY), Map.entry("ANTHROPIC_BASE_URL", "http://127.0.0.1:9001"),
                Map.entry("OPENAI_API_KEY", "sk-o"), Map.entry("OPENAI_BASE_URL", "https://proxy.example.com/v1"),
                Map.entry("OPENROUTER_API_KEY", "sk-or"), Map.entry("OPENROUTER_BASE_URL", "https://or.example.com/api/v1"),
                Map.entry("MISTRAL_API_KEY", "m-key"), Map.entry("MISTRAL_BASE_URL", "https://mistral.example.com/v1"),
                Map.entry("GEMINI_API_KEY", "AIza-g"), Map.entry("GEMINI_BASE_URL", "https://gemini.example.com"),
                Map.entry("XAI_API_KEY", "xai-k"), Map.entry("XAI_BASE_URL", "https://xai.example.com/v1")));
        assertThat(configs.get("ai.aragora.agents.anthropic")).containsExactlyInAnyOrderEntriesOf(
                Map.of("api.key", KEY, "base.url", "http://127.0.0.1:9001"));
        assertThat(configs.get("ai.aragora.agents.openai")).containsEntry("api.key", "sk-o").containsEntry("base.url", "https://proxy.example.com/v1");
        assertThat(configs.get("ai.aragora.agents.openrouter")).containsEntry("api.key", "sk-or").containsEntry("base.url", "https://or.example.com/api/v1");
        assertThat(configs.get("ai.aragora.agents.mistral")).containsEntry("api.key", "m-key").containsEntry("base.url", "https://mistral.example.com/v1");
        assertThat(configs.get("ai.aragora.agents.gemini")).containsEntry("api.key", "AIza-g").containsEntry("base.url", "https://gemini.example.com");
        assertThat(configs.get("ai.aragora.agents.xai")).containsEntry("api.key", "xai-k").containsEntry("base.url", "https://xai.example.com/v1");
    }

    @Test
    void unsetVariablesLeaveTheBundleDefaults() throws Exception {
        Map<String, Map<String, Object>> configs = configs(Map.of("OPENAI_API_KEY", "  "));
        for (String pid : Settings.PROVIDERS.values()) {
            assertThat(configs.getOrDefault(pid, Map.of())).as(pid).doesNotContainKeys("api.key", "base.url");
        }
    }

    @Test
    void keysNeverAppearInTheSettingsText() throws Exception {
        Settings settings = Settings.from(Map.of("ANTHROPIC_API_KEY", KEY), Map.of());
        assertThat(settings.providers().toString()).doesNotContain(KEY).contains("apiKey=set");
    }

    @Test
    void aKeyThatWouldCorruptAHeaderIsRefusedWithoutShowingIt() {
        assertThatThrownBy(() -> Settings.from(Map.of("XAI_API_KEY", "xai-abc\r\nX-Evil: 1"), Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("XAI_API_KEY").hasMessageNotContaining("xai-abc");
    }

    @Test
    void aBaseUrlMustBeAnHttpUrl() {
        assertThatThrownBy(() -> Settings.from(Map.of("OPENAI_BASE_URL", "ftp://files.example.com"), Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("OPENAI_BASE_URL");
        assertThatThrownBy(() -> Settings.from(Map.of("GEMINI_BASE_URL", "not a url"), Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("GEMINI_BASE_URL");
        assertThatThrownBy(() -> Settings.from(Map.of("XAI_BASE_URL", "//xai.example.com/v1"), Map.of()))
                .as("a host without a scheme").isInstanceOf(UsageException.class).hasMessageContaining("XAI_BASE_URL");
        assertThatThrownBy(() -> Settings.from(Map.of("MISTRAL_BASE_URL", "https://user:pw-secret@mistral.example.com"), Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("MISTRAL_BASE_URL").hasMessageNotContaining("pw-secret");
        assertThatThrownBy(() -> Settings.from(Map.of("GEMINI_BASE_URL", "https://gemini.example.com/?key=AIza-secret"), Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("GEMINI_API_KEY").hasMessageNotContaining("AIza-secret");
        assertThatThrownBy(() -> Settings.from(Map.of("XAI_BASE_URL", "https://xai.example.com/v1#xai-secret"), Map.of()))
                .isInstanceOf(UsageException.class).hasMessageNotContaining("xai-secret");
    }
}
