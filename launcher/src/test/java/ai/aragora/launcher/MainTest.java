package ai.aragora.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return new Main(env, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), tmp)
                .run(args);
    }

    @Test
    void unknownCommandIsOneLineAndExitTwo() {
        assertThat(run(Map.of(), "frobnicate")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("aragora: unknown command 'frobnicate' (try 'aragora help')\n");
    }

    @Test
    void badFlagIsOneLineAndExitTwo() {
        assertThat(run(Map.of("ARAGORA_DATA_DIR", tmp.toString()), "serve", "--api-port", "eighty")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).hasSize(1).first().asString().contains("--api-port");
    }

    @Test
    void badEnvironmentIsOneLineAndExitTwo() {
        assertThat(run(Map.of("ARAGORA_LOG_LEVEL", "LOUD"), "serve")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).hasSize(1);
    }

    @Test
    void aBenchmarkGetsAScratchDataDirUnlessOneIsSet() throws Exception {
        Path scratch = Main.scratchDataDir("benchmark", Map.of()).orElseThrow();
        assertThat(scratch).isDirectory();
        java.nio.file.Files.writeString(java.nio.file.Files.createDirectories(scratch.resolve("state")).resolve("key.pem"), "x");
        Directories.delete(scratch);
        assertThat(scratch).doesNotExist();

        assertThat(Main.scratchDataDir("benchmark", Map.of("ARAGORA_DATA_DIR", tmp.toString()))).isEmpty();
        assertThat(Main.scratchDataDir("debate", Map.of())).as("a debate is meant to be kept").isEmpty();
    }

    @Test
    void versionAndHelp() {
        assertThat(run(Map.of(), "version")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("aragora ");
        out.reset();
        assertThat(run(Map.of(), "help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("serve", "version", "help");
    }

    @Test
    void anUnusableStateDirStopsStartupWithExitOne() throws Exception {
        Path open = java.nio.file.Files.createDirectories(tmp.resolve("data/state"));
        java.nio.file.Files.setPosixFilePermissions(open, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThat(run(Map.of("ARAGORA_DATA_DIR", tmp.resolve("data").toString()), "serve")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("state dir", "chmod 700");
    }

    @Test
    void unknownVariablesAreNamedOnceWithoutTheirValues() {
        Map<String, String> env = Map.of("ARAGORA_WORKERS", "4", "ARAGORA_NOT_A_SETTING", "hunter2-secret", "ARAGORA_ENV", "Not Valid");
        assertThat(run(env, "serve")).as("the environment's own error still stops the start").isEqualTo(2);
        String said = err.toString(StandardCharsets.UTF_8);
        assertThat(said.lines().filter(l -> l.contains("unknown environment variables"))).hasSize(1);
        assertThat(said).contains("WARN", "ARAGORA_NOT_A_SETTING, ARAGORA_WORKERS").doesNotContain("hunter2").doesNotContain("=4");
    }

    @Test
    void strictEnvRefusesUnknownVariables() {
        assertThat(run(Map.of("ARAGORA_WORKERS", "4"), "serve", "--strict-env")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).singleElement().asString()
                .startsWith("aragora: unknown environment variable ARAGORA_WORKERS").contains("--strict-env");
        err.reset();
        assertThat(run(Map.of("ARAGORA_WORKERS", "4"), "integrity-check", "--strict-env")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("ARAGORA_WORKERS");
    }

    @Test
    void aDataDirBelowAFileIsOneLineNamingTheVariable() throws Exception {
        Path file = java.nio.file.Files.writeString(tmp.resolve("file"), "x");
        assertThat(run(Map.of("ARAGORA_DATA_DIR", file.resolve("data").toString()), "serve")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).singleElement().asString()
                .contains("ARAGORA_DATA_DIR: " + file.resolve("data"), file + " is not a directory");
    }
}
