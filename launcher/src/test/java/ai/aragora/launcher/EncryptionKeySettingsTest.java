package ai.aragora.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.aragora.launcher.spi.UsageException;

/** ARAGORA_ENCRYPTION_KEY reaches the encryption provider as keys, never as text anyone sees. */
class EncryptionKeySettingsTest {

    private static final String NEW = "0123456789abcdef".repeat(4);
    private static final String OLD = "FEDCBA9876543210".repeat(4);

    @TempDir
    Path tmp;

    @Test
    void aCommaListIsTheActiveKeyFirstThenTheOldOnes() throws Exception {
        Settings s = Settings.from(Map.of("ARAGORA_ENCRYPTION_KEY", NEW + ", " + OLD, "ARAGORA_ENCRYPTION_KEY_LIMIT", "5000"), Map.of());
        assertThat(s.encryptionKeys().hex()).containsExactly(NEW, OLD.toLowerCase());
        assertThat(s.encryptionKeys().limit()).isEqualTo(5000);
        assertThat(s.toString()).doesNotContain(NEW).doesNotContain(OLD.toLowerCase()).contains("2 key(s), redacted");
        Map<String, Object> config = Configurations.of(s, new Configurations.Secrets("a", "j", "s"), s.encryptionKeys(), "t",
                List.of()).get(Configurations.ENCRYPTION_PID);
        assertThat((String[]) config.get(".keys")).containsExactly(NEW, OLD.toLowerCase());
        assertThat(config).containsEntry("key.limit", 5000L);
    }

    /** Backups are sealed only with the operator's key, never with one generated into the state dir. */
    @Test
    void theServerIsToldWhetherTheKeyWasConfigured() throws Exception {
        Configurations.Secrets secrets = new Configurations.Secrets("a", "j", "s");
        Settings configured = Settings.from(Map.of("ARAGORA_ENCRYPTION_KEY", NEW), Map.of());
        assertThat(Configurations.of(configured, secrets, configured.encryptionKeys(), "t", List.of()).get(Configurations.SERVER_PID))
                .containsEntry("encryption.key.configured", true);
        Settings development = Settings.from(Map.of(), Map.of());
        EncryptionKeys generated = development.encryptionKeys().with(List.of(NEW));
        Map<String, Map<String, Object>> configs = Configurations.of(development, secrets, generated, "t", List.of());
        assertThat((String[]) configs.get(Configurations.ENCRYPTION_PID).get(".keys")).containsExactly(NEW);
        assertThat(configs.get(Configurations.SERVER_PID)).containsEntry("encryption.key.configured", false);
    }

    @Test
    void aMalformedKeyNamesTheVariableNeverTheValue() {
        String secretish = "9f".repeat(31) + "zz";
        for (String bad : List.of(secretish, NEW + "," + secretish, NEW.substring(2), NEW + ",", NEW + "," + NEW)) {
            assertThatThrownBy(() -> Settings.from(Map.of("ARAGORA_ENCRYPTION_KEY", bad), Map.of()))
                    .isInstanceOf(UsageException.class).hasMessageContaining("ARAGORA_ENCRYPTION_KEY")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("9f9f").doesNotContain(NEW.substring(2, 20)));
        }
        assertThatThrownBy(() -> Settings.from(Map.of("ARAGORA_ENCRYPTION_KEY_LIMIT", "0"), Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("ARAGORA_ENCRYPTION_KEY_LIMIT");
    }

    @Test
    void productionWithoutAKeyRefusesToStartAndSaysWhy() {
        assertThatThrownBy(() -> Settings.from(Map.of("ARAGORA_ENV", "production", "ARAGORA_JWT_SECRET", "x".repeat(32)), Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("ARAGORA_ENCRYPTION_KEY is required")
                .hasMessageContaining("not be recoverable");
    }

    @Test
    void developmentGeneratesAPrivateKeyOnceWithOneLoudWarning() throws Exception {
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        Log log = new Log(new PrintStream(logged, true, StandardCharsets.UTF_8), "INFO");
        StateTier state = StateTier.open(tmp.resolve("state"), log);
        String key = state.key("encryption_key", 32, "lose it and lose the data");
        assertThat(key).matches("[0-9a-f]{64}");
        Path file = tmp.resolve("state/encryption_key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(StateTier.open(tmp.resolve("state"), log).key("encryption_key", 32, "again")).isEqualTo(key);
        String out = logged.toString(StandardCharsets.UTF_8);
        assertThat(out).doesNotContain(key).contains(file.toString()).contains("lose it and lose the data").doesNotContain("again");
        assertThat(out.lines().filter(l -> l.contains("WARN"))).hasSize(1);
    }
}
