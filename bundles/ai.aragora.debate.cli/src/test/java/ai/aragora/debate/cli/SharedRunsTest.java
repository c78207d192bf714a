package ai.aragora.debate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.aragora.launcher.spi.UsageException;

/** Runs of several processes are written one debate a line and reported as one run. */
class SharedRunsTest {

    @TempDir
    Path dir;

    private static BenchmarkCommand.Run run(long elapsed, long[] nanos, Map<String, Integer> statuses) {
        BenchmarkCommand.Run r = new BenchmarkCommand.Run();
        r.nanos = nanos;
        r.phases = new int[nanos.length];
        java.util.Arrays.fill(r.phases, 10);
        r.elapsedNanos = elapsed;
        r.statuses = new TreeMap<>(statuses);
        return r;
    }

    @Test
    void theRunsOfSeveralInstancesAreReportedAsOne() throws Exception {
        Path one = dir.resolve("times 1");
        Path two = dir.resolve("times-2");
        // a critical path of 10 turns x 500 ms = 5 s: one instance 4 % over it, the other 16 %
        SharedRuns.write(one, List.of("--debates", "2", "--concurrent", "2", "--latency-ms", "500", "--times", one.toString()),
                run(9_000_000_000L, new long[] {5_200_000_000L, 5_200_000_000L}, Map.of("completed", 2)));
        SharedRuns.write(two, List.of("--debates", "2", "--concurrent", "2", "--latency-ms", "500"),
                run(10_000_000_000L, new long[] {5_800_000_000L, 5_800_000_000L}, Map.of("completed", 1, "failed", 1)));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        SharedRuns.report(List.of(one, two), new PrintStream(bytes, true, StandardCharsets.UTF_8));

        String report = bytes.toString(StandardCharsets.UTF_8);
        assertThat(report).contains("runs merged:        2", "debates:            4 (4 concurrent", "latency 500 ms",
                "statuses:           {completed=3, failed=1}", "throughput:         0.4 debates/s (10.00 s)",
                "overhead:           mean +10.00 %, p50 +4.00 %, p99 +16.00 %", "heap per debate:    not measured");
    }

    @Test
    void aFileNotWrittenByTimesIsRefused() throws Exception {
        Path other = Files.writeString(dir.resolve("other"), "hello\n");
        assertThatThrownBy(() -> SharedRuns.report(List.of(other), new PrintStream(new ByteArrayOutputStream())))
                .isInstanceOf(UsageException.class).hasMessageContaining("not a file written by --times");
    }
}
