package ai.aragora.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.aragora.launcher.spi.UsageException;

/** The receipt settings reach the receipts bundle through Configuration Admin, never the environment. */
class ReceiptSettingsTest {

    private static final Configurations.Secrets SECRETS = new Configurations.Secrets("a", "j", "s");

    @Test
    void signingKeyFileAndProfileMapOntoTheReceiptsPid() throws Exception {
        Settings s = Settings.from(Map.of("ARAGORA_ODR_SIGNING_KEY_FILE", "/keys/odr.pem", "ARAGORA_ODR_PROFILE_VERSION", "0.1"), Map.of());
        assertThat(s.odrSigningKeyFile()).contains(Path.of("/keys/odr.pem"));
        Map<String, Object> receipts = Configurations.of(s, SECRETS, new EncryptionKeys(List.of(), 1), "test", List.of()).get(Configurations.RECEIPTS_PID);
        assertThat(receipts).containsEntry("signing.key.file", "/keys/odr.pem").containsEntry("odr.version", "0.1");
    }

    @Test
    void unsetMeansTheBundleDefaults() throws Exception {
        Map<String, Object> receipts = Configurations.of(Settings.from(Map.of(), Map.of()), SECRETS, new EncryptionKeys(List.of(), 1), "test", List.of())
                .get(Configurations.RECEIPTS_PID);
        assertThat(receipts).doesNotContainKeys("signing.key.file", "odr.version");
    }

    @Test
    void anUnknownProfileIsAUsageError() {
        assertThatThrownBy(() -> Settings.from(Map.of("ARAGORA_ODR_PROFILE_VERSION", "1.0"), Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("0.1 or 0.2");
    }
}
