package ai.aragora.itest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ai.aragora.itest.Distribution.Run;

/**
 * {@code aragora benchmark} as the figures in the decisions were taken: a plain run on the
 * default store, and a run with WebSocket watchers of the process's own event stream. Small
 * shapes and no warm-up: what is checked is what the report says, not how fast it is.
 */
class BenchmarkIT {

    private static final Pattern STATUSES = Pattern.compile("statuses[: ]+\\{([^}]*)}");
    /** A duration as the report gives it: seconds, or milliseconds under a second. */
    private static final String DURATION = "(\\d+\\.\\d+ m?s)";
    private static final Pattern CRITICAL_PATH = Pattern.compile("(?m)^critical path: +" + DURATION
            + " \\((\\d+) sequential agent turns x (\\d+) ms\\)$");
    private static final Pattern DEBATE_TIME = Pattern.compile("(?m)^debate time: +p50 " + DURATION + ", p99 " + DURATION);
    private static final Pattern OVERHEAD = Pattern.compile("(?m)^overhead: +mean [+-]\\d+\\.\\d+ %, p50 [+-]\\d+\\.\\d+ %, p99 [+-]\\d+\\.\\d+ %$");
    private static final Pattern RECEIVED = Pattern.compile("(?m)^events received: +(\\d+) \\(per watcher: min (\\d+), max (\\d+)\\)$");

    private final List<Process> started = new ArrayList<>();
    private Path data;

    @BeforeEach
    void dataDir() throws IOException {
        data = Distribution.newDataDir("benchmark");
    }

    @AfterEach
    void stopWhatWeStarted() throws InterruptedException {
        Distribution.stopAll(started);
    }

    @Test
    void aRunDecidesEveryDebateAndMeasuresItAgainstItsCriticalPath() throws Exception {
        Run run = Distribution.run(data, Map.of(), started, "benchmark", "--features", "core,sqlite,demo", "--debates", "12",
                "--concurrent", "4", "--rounds", "2", "--latency-ms", "20", "--warmup", "0");

        assertThat(run.status()).as(run.all()).isZero();
        assertThat(run.out()).contains("debates:            12 (4 concurrent, 2 rounds");
        assertThat(decided(run.out())).isEqualTo(12);
        Matcher path = CRITICAL_PATH.matcher(run.out());
        assertThat(path.find()).as(run.out()).isTrue();
        assertThat(Integer.parseInt(path.group(3))).isEqualTo(20);
        assertThat(seconds(path.group(1))).isEqualTo(Integer.parseInt(path.group(2)) * 0.020, within(1e-9));
        Matcher time = DEBATE_TIME.matcher(run.out());
        assertThat(time.find()).as(run.out()).isTrue();
        // no debate can end before its agents' turns, one after another, have taken their latency
        assertThat(seconds(time.group(1))).isGreaterThanOrEqualTo(seconds(path.group(1)));
        assertThat(run.out()).containsPattern(OVERHEAD);
    }

    @Test
    void everyWatcherReceivesEveryEventOfTheWatchedDebatesOnThePortsItWasGiven() throws Exception {
        int api = Distribution.freePort();
        int ws = Distribution.freePort();
        Run run = Distribution.run(data, Map.of(), started, "benchmark", "--features", "core,sqlite,demo,http",
                "--api-port", String.valueOf(api), "--ws-port", String.valueOf(ws), "--watchers", "25", "--debates", "3",
                "--concurrent", "1", "--rounds", "2", "--latency-ms", "10", "--warmup", "0");

        assertThat(run.status()).as(run.all()).isZero();
        assertThat(run.err()).contains("connecting 25 watchers to ws://127.0.0.1:" + ws + "/").doesNotContain("warmed up");
        assertThat(run.out()).contains("watchers:           25 WebSocket clients following every debate, 0 closed by the server");
        assertThat(decided(run.out())).isEqualTo(3);
        Matcher received = RECEIVED.matcher(run.out());
        assertThat(received.find()).as(run.out()).isTrue();
        int fewest = Integer.parseInt(received.group(2));
        // a debate of two rounds announces at least its start, three proposals and its end
        assertThat(fewest).isEqualTo(Integer.parseInt(received.group(3))).isGreaterThanOrEqualTo(3 * 5);
        assertThat(Long.parseLong(received.group(1))).isEqualTo(25L * fewest);
        assertThat(run.out()).containsPattern("(?m)^event lag: +p50 \\d+\\.\\d+ ms, p99 \\d+\\.\\d+ ms")
                .containsPattern("(?m)^slowdown: +[+-]\\d+\\.\\d+ %");
    }

    private static double seconds(String duration) {
        String[] parts = duration.split(" ");
        return Double.parseDouble(parts[0]) / (parts[1].equals("ms") ? 1000 : 1);
    }

    /** The debates of a report's statuses line that ended with a decision, after checking no other status is there. */
    private static int decided(String report) {
        Matcher m = STATUSES.matcher(report);
        assertThat(m.find()).as(report).isTrue();
        int decided = 0;
        for (String entry : m.group(1).split(",\\s*")) {
            String[] kv = entry.split("=");
            assertThat(kv[0]).as(report).isIn("completed", "consensus_reached");
            decided += Integer.parseInt(kv[1]);
        }
        return decided;
    }
}
