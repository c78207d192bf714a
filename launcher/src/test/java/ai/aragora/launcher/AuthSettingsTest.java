package ai.aragora.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.aragora.launcher.spi.UsageException;

/** Token lifetimes and secrets reach the auth bundle through Configuration Admin. */
class AuthSettingsTest {

    private static final Configurations.Secrets SECRETS = new Configurations.Secrets("admin-x", "jwt-y", "session-z");

    @Test
    void lifetimesDefaultToADayAndAMonth() throws Exception {
        Map<String, Object> auth = Configurations.of(Settings.from(Map.of(), Map.of()), SECRETS, new EncryptionKeys(List.of(), 1), "t", List.of())
                .get(Configurations.AUTH_PID);
        assertThat(auth).containsEntry("jwt.expiry.hours", 24).containsEntry("refresh.token.expiry.days", 30)
                .containsEntry(".admin.token", "admin-x").containsEntry(".jwt.secret", "jwt-y");
    }

    @Test
    void lifetimesFollowTheEnvironment() throws Exception {
        Settings s = Settings.from(Map.of("ARAGORA_JWT_EXPIRY_HOURS", "2", "ARAGORA_REFRESH_TOKEN_EXPIRY_DAYS", "7"), Map.of());
        Map<String, Object> auth = Configurations.of(s, SECRETS, new EncryptionKeys(List.of(), 1), "t", List.of()).get(Configurations.AUTH_PID);
        assertThat(auth).containsEntry("jwt.expiry.hours", 2).containsEntry("refresh.token.expiry.days", 7);
    }

    @Test
    void nonsenseLifetimesAreUsageErrors() {
        assertThatThrownBy(() -> Settings.from(Map.of("ARAGORA_JWT_EXPIRY_HOURS", "0"), Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("ARAGORA_JWT_EXPIRY_HOURS");
        assertThatThrownBy(() -> Settings.from(Map.of("ARAGORA_REFRESH_TOKEN_EXPIRY_DAYS", "forever"), Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("ARAGORA_REFRESH_TOKEN_EXPIRY_DAYS");
    }

    @Test
    void settingsNeverPrintTheirSecrets() throws Exception {
        String token = "admin-token-that-must-not-print";
        String jwt = "j".repeat(40);
        Settings s = Settings.from(Map.of("ARAGORA_API_TOKEN", token, "ARAGORA_JWT_SECRET", jwt,
                "DATABASE_URL", "postgresql://u:pg-secret@db:5432/aragora"), Map.of());
        assertThat(s.toString()).doesNotContain(token, jwt, "pg-secret").contains("apiToken=set", "jwtSecret=set");
    }
}
