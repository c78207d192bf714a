package ai.aragora.rest.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Which fields of an integration are credentials: the built-in names, names ending in one, and those configured. */
class IntegrationInputTest {

    @Test
    void aFieldConfiguredAsSensitiveIsACredentialBesideTheBuiltInOnes() {
        Map<String, Object> body = Map.of("name", "Hooks", "webhook_url", "https://hooks.example/T0/B0/xyz",
                "bot_token", "xoxb-1", "channel", "#ops");

        IntegrationInput.Parsed standard = new IntegrationInput(Set.of()).parse(body, false);
        assertThat(standard.credentials()).containsOnlyKeys("bot_token");
        assertThat(standard.settings()).containsOnlyKeys("webhook_url", "channel");

        IntegrationInput.Parsed configured = new IntegrationInput(Set.of("webhook_url")).parse(body, false);
        assertThat(configured.credentials()).containsOnlyKeys("bot_token", "webhook_url");
        assertThat(configured.settings()).containsOnlyKeys("channel");
    }
}
