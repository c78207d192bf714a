package ai.aragora.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateTierTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final Log log = new Log(new PrintStream(logged, true, StandardCharsets.UTF_8), "INFO");

    @Test
    void createsAPrivateDirectoryAndPrivateSecrets() throws Exception {
        Path dir = tmp.resolve("data/state");
        StateTier state = StateTier.open(dir, log);
        String secret = state.secret("jwt_secret", 48);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("jwt_secret")))).isEqualTo("rw-------");
        assertThat(secret).hasSize(64);
        assertThat(logged.toString(StandardCharsets.UTF_8)).contains(dir.resolve("jwt_secret").toString()).doesNotContain(secret);
    }

    @Test
    void reusesSecretsOnLaterStarts() throws Exception {
        String first = StateTier.open(tmp.resolve("s"), log).secret("admin_token", 32);
        String second = StateTier.open(tmp.resolve("s"), log).secret("admin_token", 32);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void refusesADirectoryOthersMayWrite() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("open"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThatThrownBy(() -> StateTier.open(dir, log))
                .isInstanceOf(StartupException.class).hasMessageContaining("writable by group or others (mode 0777)");
    }

    @Test
    void refusesAPathThatCannotBeADirectory() throws Exception {
        Path file = Files.writeString(tmp.resolve("file"), "x");
        assertThatThrownBy(() -> StateTier.open(file, log)).hasMessageContaining("not a directory");
        assertThatThrownBy(() -> StateTier.open(file.resolve("state"), log)).hasMessageContaining("cannot be created");
    }

    @Test
    void refusesASecretOthersCanRead() throws Exception {
        Path dir = tmp.resolve("s2");
        StateTier.open(dir, log).secret("session_secret", 48);
        Files.setPosixFilePermissions(dir.resolve("session_secret"), PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> StateTier.open(dir, log).secret("session_secret", 48))
                .hasMessageContaining("mode 0644").hasMessageContaining("chmod 600");
    }

    @Test
    void refusesAnEmptySecretFile() throws Exception {
        Path dir = tmp.resolve("s3");
        StateTier state = StateTier.open(dir, log);
        Files.writeString(dir.resolve("jwt_secret"), "\n");
        Files.setPosixFilePermissions(dir.resolve("jwt_secret"), PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> state.secret("jwt_secret", 48)).hasMessageContaining("is empty");
    }
}
