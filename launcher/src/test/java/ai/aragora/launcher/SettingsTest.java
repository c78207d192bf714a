package ai.aragora.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.aragora.launcher.spi.UsageException;

class SettingsTest {

    @Test
    void defaultsFollowTheRunbook() throws Exception {
        Settings s = Settings.from(Map.of("ARAGORA_DATA_DIR", "/srv/aragora"), Map.of());
        assertThat(s.dataDir()).isEqualTo(Path.of("/srv/aragora"));
        assertThat(s.stateDir()).isEqualTo(Path.of("/srv/aragora/state"));
        assertThat(s.auditDir()).isEqualTo(Path.of("/srv/aragora/audit"));
        assertThat(s.bundlesDir()).isEqualTo(Path.of("/srv/aragora/bundles"));
        assertThat(s.apiPort()).isEqualTo(8080);
        assertThat(s.wsPort()).isEqualTo(8765);
        assertThat(s.host()).isEqualTo("127.0.0.1");
        assertThat(s.logLevel()).isEqualTo("INFO");
        assertThat(s.environment()).isEqualTo("development");
        assertThat(s.features()).isEqualTo(Settings.DEFAULT_FEATURES);
    }

    @Test
    void theFlatStateLayoutIsJustAnotherPath() throws Exception {
        Settings s = Settings.from(Map.of("ARAGORA_DATA_DIR", "/data", "ARAGORA_STATE_DIR", "/data-state"), Map.of());
        assertThat(s.stateDir()).isEqualTo(Path.of("/data-state"));
    }

    @Test
    void flagsOverrideDefaults() throws Exception {
        Settings s = Settings.from(Map.of(), Map.of("api-port", "9090", "ws-port", "9091", "host", "0.0.0.0", "features", "core,http"));
        assertThat(s.apiPort()).isEqualTo(9090);
        assertThat(s.wsPort()).isEqualTo(9091);
        assertThat(s.host()).isEqualTo("0.0.0.0");
        assertThat(s.features()).containsExactly("core", "http");
    }

    @Test
    void runbookLogLevelsAreAccepted() throws Exception {
        assertThat(Settings.from(Map.of("ARAGORA_LOG_LEVEL", "WARNING"), Map.of()).logLevel()).isEqualTo("WARN");
        assertThat(Settings.from(Map.of("ARAGORA_LOG_LEVEL", "debug"), Map.of()).logLevel()).isEqualTo("DEBUG");
        assertThatThrownBy(() -> Settings.from(Map.of("ARAGORA_LOG_LEVEL", "LOUD"), Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("LOUD");
    }

    @Test
    void wildcardOriginsAreRefused() {
        assertThatThrownBy(() -> Settings.from(Map.of("ARAGORA_ALLOWED_ORIGINS", "*"), Map.of()))
                .hasMessageContaining("wildcard");
        assertThatThrownBy(() -> Settings.from(Map.of("ARAGORA_ALLOWED_ORIGINS", "https://*.example.com"), Map.of()))
                .hasMessageContaining("wildcard");
    }

    @Test
    void originsMustBeBareOrigins() throws Exception {
        assertThat(Settings.from(Map.of("ARAGORA_ALLOWED_ORIGINS", "https://a.example.com, http://localhost:3000"), Map.of())
                .allowedOrigins()).containsExactly("https://a.example.com", "http://localhost:3000");
        assertThatThrownBy(() -> Settings.from(Map.of("ARAGORA_ALLOWED_ORIGINS", "https://a.example.com/path"), Map.of()))
                .hasMessageContaining("not an origin");
        assertThatThrownBy(() -> Settings.from(Map.of("ARAGORA_ALLOWED_ORIGINS", "ftp://a.example.com"), Map.of()))
                .hasMessageContaining("not an origin");
    }

    @Test
    void badPortsAreNamed() {
        assertThatThrownBy(() -> Settings.from(Map.of(), Map.of("api-port", "http"))).hasMessageContaining("--api-port");
        assertThatThrownBy(() -> Settings.from(Map.of(), Map.of("ws-port", "70000"))).hasMessageContaining("--ws-port");
        assertThatThrownBy(() -> Settings.from(Map.of(), Map.of("api-port", "9000", "ws-port", "9000"))).hasMessageContaining("must differ");
    }

    @Test
    void productionRequiresAStrongJwtSecret() throws Exception {
        assertThatThrownBy(() -> Settings.from(Map.of("ARAGORA_ENV", "production"), Map.of()))
                .hasMessageContaining("ARAGORA_JWT_SECRET is required");
        assertThatThrownBy(() -> Settings.from(Map.of("ARAGORA_JWT_SECRET", "short"), Map.of()))
                .hasMessageContaining("at least 32");
        assertThat(Settings.from(Map.of("ARAGORA_ENV", "production", "ARAGORA_JWT_SECRET", "x".repeat(32),
                "ARAGORA_ENCRYPTION_KEY", "ab".repeat(32)), Map.of()).production()).isTrue();
    }

    @Test
    void graceIsBounded() throws Exception {
        assertThat(Settings.from(Map.of("ARAGORA_SHUTDOWN_GRACE_SECONDS", "5"), Map.of()).shutdownGrace().toSeconds()).isEqualTo(5);
        assertThatThrownBy(() -> Settings.from(Map.of("ARAGORA_SHUTDOWN_GRACE_SECONDS", "-1"), Map.of()))
                .hasMessageContaining("ARAGORA_SHUTDOWN_GRACE_SECONDS");
    }

    @Test
    void secretsNeverShowInConfigurationToString() {
        assertThat(new Configurations.Secrets("tok", "jwt", "sess").toString()).doesNotContain("tok", "jwt", "sess");
    }
}
