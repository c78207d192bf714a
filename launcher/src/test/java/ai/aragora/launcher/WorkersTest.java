package ai.aragora.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.aragora.launcher.spi.UsageException;

/** {@code serve --workers N} and ARAGORA_WORKERS: ports, the SQLite refusal, the workers' command lines, restart backoff; ARAGORA_DB_POOL_TIMEOUT. */
class WorkersTest {

    private static final Map<String, String> POSTGRES = Map.of("ARAGORA_STORAGE_MODE", "postgres", "DATABASE_URL",
            "postgresql://u@127.0.0.1:5432/db");

    @TempDir
    Path tmp;

    @Test
    void theOptionBeatsTheVariableAndOneIsTheDefault() throws Exception {
        assertThat(Settings.from(Map.of(), Map.of()).workers()).isEqualTo(1);
        assertThat(Settings.from(Map.of("ARAGORA_WORKERS", "4"), Map.of()).workers()).isEqualTo(4);
        assertThat(Settings.from(Map.of("ARAGORA_WORKERS", "4"), Map.of("workers", "2")).workers()).isEqualTo(2);
        assertThatThrownBy(() -> Settings.from(Map.of(), Map.of("workers", "0"))).isInstanceOf(UsageException.class)
                .hasMessageContaining("--workers must be an integer 1-64");
        assertThatThrownBy(() -> Settings.from(Map.of("ARAGORA_WORKERS", "many"), Map.of())).isInstanceOf(UsageException.class)
                .hasMessageContaining("ARAGORA_WORKERS");
    }

    @Test
    void consecutivePortRangesMustFitAndNotOverlap() throws Exception {
        assertThat(Settings.from(Map.of(), Map.of("workers", "4")).apiPort()).isEqualTo(8080);
        assertThatThrownBy(() -> Settings.from(Map.of(), Map.of("workers", "4", "api-port", "8080", "ws-port", "8082")))
                .isInstanceOf(UsageException.class).hasMessageContaining("8080-8083").hasMessageContaining("8082-8085")
                .hasMessageContaining("overlap");
        assertThatThrownBy(() -> Settings.from(Map.of(), Map.of("workers", "3", "api-port", "65534")))
                .isInstanceOf(UsageException.class).hasMessageContaining("past 65535");
    }

    @Test
    void severalWorkersOnSqliteAreRefusedNamingPostgres() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Main(Map.of("ARAGORA_DATA_DIR", tmp.toString()), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8), tmp).run(new String[] {"serve", "--workers", "3"});
        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("3 workers need PostgreSQL", "ARAGORA_STORAGE_MODE=postgres");
    }

    @Test
    void eachWorkerServesOnItsOwnPortsWithTheLaunchersOptions() throws Exception {
        Settings settings = Settings.from(POSTGRES, Map.of("workers", "3", "host", "0.0.0.0"));
        List<String> command = Worker.command(List.of("java", "Main"), settings, Map.of("features", "core,http,postgres"), true,
                8082, 8767);
        assertThat(command).containsExactly("java", "Main", "serve", "--workers", "1", "--supervised", "--host", "0.0.0.0", "--api-port", "8082",
                "--ws-port", "8767", "--features", "core,http,postgres", "--strict-env");
        assertThat(Supervisor.jvmCommand()).contains("-cp").last().isEqualTo(Main.class.getName());
    }

    @Test
    void restartsBackOffUpToThirtySecondsAndGiveUpAfterFiveQuickDeaths() throws Exception {
        assertThat(List.of(Worker.backoff(1), Worker.backoff(2), Worker.backoff(3), Worker.backoff(6), Worker.backoff(40)))
                .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(30),
                        Duration.ofSeconds(30));
        Worker w = new Worker(1, 8080, 8765, List.of("true"), Map.of());
        long t = 0;
        w.start(t);
        w.process().orElseThrow().waitFor();
        assertThat(w.died(t + 1)).contains(Duration.ofSeconds(1));
        assertThat(w.restartDue(t + 1)).isFalse();
        assertThat(w.restartDue(t + 1 + Duration.ofSeconds(1).toNanos())).isTrue();
        for (int death = 2; death <= Worker.MAX_QUICK_DEATHS; death++) {
            w.start(t);
            assertThat(w.died(t + 1)).contains(Worker.backoff(death));
        }
        w.start(t);
        assertThat(w.died(t + 1)).as("a sixth quick death in a row").isEmpty();
        w.start(t);
        assertThat(w.died(t + Worker.HEALTHY_UPTIME.toNanos())).as("a worker that ran a minute starts over")
                .contains(Duration.ofSeconds(1));
    }

    @Test
    void aWorkerStopsWhenTheSupervisorsPipeEndsOrFails() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Log log = new Log(new PrintStream(err, true, StandardCharsets.UTF_8), "INFO");
        AtomicInteger stops = new AtomicInteger();
        Thread ended = SupervisorLink.watch(new ByteArrayInputStream("ignored".getBytes(StandardCharsets.UTF_8)), log,
                stops::incrementAndGet);
        ended.join();
        assertThat(stops).hasValue(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("the supervisor is gone (its pipe closed); stopping this worker");

        Thread failed = SupervisorLink.watch(new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("Bad file descriptor");
            }
        }, log, stops::incrementAndGet);
        failed.join();
        assertThat(stops).hasValue(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("(its pipe failed: Bad file descriptor)");
    }

    @Test
    void aWorkersStandardInputIsAPipeFromTheSupervisor() throws Exception {
        Worker w = new Worker(1, 8080, 8765, List.of("cat"), Map.of());
        w.start(0);
        Process p = w.process().orElseThrow();
        assertThat(p.isAlive()).as("cat waits on the open pipe").isTrue();
        p.getOutputStream().close();
        assertThat(p.waitFor()).as("the pipe's end ends it").isZero();
    }

    @Test
    void poolTimeoutReachesBothStorageConfigurations() throws Exception {
        Settings settings = Settings.from(Map.of("ARAGORA_DB_POOL_TIMEOUT", "12"), Map.of());
        Map<String, Map<String, Object>> configs = Configurations.of(settings, new Configurations.Secrets("a", "j", "s"),
                new EncryptionKeys(List.of(), 1), "t", List.of());
        assertThat(configs.get("ai.aragora.storage.sqlite")).containsEntry("pool.timeout.seconds", 12);
        assertThat(configs.get("ai.aragora.storage.postgres")).containsEntry("pool.timeout.seconds", 12);
        assertThatThrownBy(() -> Settings.from(Map.of("ARAGORA_DB_POOL_TIMEOUT", "0"), Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("ARAGORA_DB_POOL_TIMEOUT must be an integer 1-600");
    }
}
