package ai.aragora.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.aragora.launcher.spi.UsageException;

/** The webhook variables reach the webhook bundles through Configuration Admin; the callback secret is never printed. */
class WebhookSettingsTest {

    private static final Configurations.Secrets SECRETS = new Configurations.Secrets("a", "j", "s");
    private static final String SECRET = "whsec_c2Vjb25kLXNlY3JldC1vZi0yNC1ieXRlcyE=";

    @Test
    void allowedHostsCallbackSecretAndPublicUrlMapOntoTheWebhookPids() throws Exception {
        Settings s = Settings.from(Map.of("ARAGORA_WEBHOOK_ALLOWED_HOSTS", "127.0.0.1, 10.0.0.0/8,hooks.internal",
                "ARAGORA_WEBHOOK_CALLBACK_SECRET", SECRET, "ARAGORA_PUBLIC_URL", "https://aragora.example.com"), Map.of());
        Map<String, Map<String, Object>> configs = Configurations.of(s, SECRETS, new EncryptionKeys(List.of(), 1), "test", List.of());
        assertThat(configs.get(WebhookSettings.PID)).containsEntry("allowed.hosts", "127.0.0.1, 10.0.0.0/8,hooks.internal")
                .containsEntry(".callback.secret", SECRET).containsEntry("require.https", false);
        assertThat(configs.get(WebhookSettings.SLACK_PID)).containsEntry("public.url", "https://aragora.example.com");
        assertThat(s.toString()).doesNotContain(SECRET).contains("callbackSecret=set");
    }

    @Test
    void productionCallsOnlyHttps() throws Exception {
        Settings s = Settings.from(Map.of("ARAGORA_ENV", "production", "ARAGORA_JWT_SECRET", "x".repeat(32),
                "ARAGORA_ENCRYPTION_KEY", "ab".repeat(32)), Map.of());
        assertThat(Configurations.of(s, SECRETS, new EncryptionKeys(List.of(), 1), "test", List.of()).get(WebhookSettings.PID)).containsEntry("require.https", true);
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> Settings.from(Map.of("ARAGORA_WEBHOOK_ALLOWED_HOSTS", "exa mple"), Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("'exa mple' is neither a host name nor a CIDR range");
        assertThatThrownBy(() -> Settings.from(Map.of("ARAGORA_WEBHOOK_CALLBACK_SECRET", "short"), Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("at least 16").hasMessageNotContaining("short");
        assertThatThrownBy(() -> Settings.from(Map.of("ARAGORA_PUBLIC_URL", "aragora.example.com"), Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("ARAGORA_PUBLIC_URL");
    }
}
