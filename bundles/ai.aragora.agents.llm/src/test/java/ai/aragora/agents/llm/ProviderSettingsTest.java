package ai.aragora.agents.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProviderSettingsTest {

    private static final AgentSettings AGENT = new AgentSettings("gemini-api", "gemini-2.5-pro", "gemini", null, 1024, 0.7, false);

    private static ProviderSettings settings(String baseUrl) {
        return ProviderSettings.of("gemini", "ai.aragora.agents.gemini", "GEMINI_API_KEY", "AIza-key", baseUrl, Map.of(),
                30, new String[0], AGENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "https://generativelanguage.googleapis.com/?key=AIzaSECRET",
        "https://user:SECRET@proxy.example.com/v1",
        "https://SECRET@proxy.example.com/v1",
        "https://proxy.example.com/v1#SECRET",
        "https://proxy example.com/v1?key=SECRET",
        "ftp://files.example.com/SECRET",
        "SECRET"})
    void aBaseUrlWithCredentialsQueryOrFragmentIsRefusedWithoutShowingThem(String url) {
        assertThatThrownBy(() -> settings(url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(ProviderSettings.BAD_BASE_URL)
                .hasMessageNotContaining("SECRET");
    }

    @Test
    void noWayAroundTheRuleLeavesASecretInWhatIsLogged() {
        URI withKey = URI.create("https://generativelanguage.googleapis.com/?key=AIzaSECRET");
        assertThatThrownBy(() -> new ProviderSettings("gemini", "pid", null, "", withKey, Map.of(), Duration.ofSeconds(1),
                null, AGENT)).hasMessageNotContaining("SECRET");
        assertThatThrownBy(() -> new Endpoint("gemini", withKey, "", Map.of(), Duration.ofSeconds(1)))
                .hasMessageNotContaining("SECRET");
    }

    @Test
    void plainBaseUrlsAreKept() {
        assertThat(settings(" https://proxy.example.com:8443/v1/ ").baseUrl()).hasToString("https://proxy.example.com:8443/v1/");
        assertThat(settings("http://127.0.0.1:11434").endpoint().resolve("/v1/chat")).hasToString("http://127.0.0.1:11434/v1/chat");
        assertThat(settings("  ").baseUrl()).isNull();
        assertThat(settings("https://proxy.example.com").toString()).doesNotContain("AIza-key");
    }
}
