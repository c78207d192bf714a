package ai.aragora.itest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import ai.aragora.itest.support.TestDatabase;

/**
 * {@code bin/aragora serve --workers 3} on a fresh PostgreSQL database: three servers on
 * consecutive ports sharing one database and one state tier, a worker killed with SIGKILL
 * started again until it is ready, and SIGTERM to the supervisor draining all three to exit 0.
 */
class WorkersIT {

    private static final int WORKERS = 3;
    private static final Pattern STARTED = Pattern.compile("worker (\\d) of \\d \\(pid (\\d+)\\) on http://127\\.0\\.0\\.1:(\\d+) \\(WebSocket port (\\d+)\\)");
    private static final Pattern ID = Pattern.compile("\"debate_id\":\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Process> started = new ArrayList<>();
    private final StringBuffer log = new StringBuffer();

    @AfterEach
    void stopWhatWeStarted() throws InterruptedException {
        Distribution.stopAll(started);
        // should a test fail with workers left behind
        for (long[] w : workers()) {
            ProcessHandle.of(w[1]).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void threeWorkersServeOnConsecutivePortsComeBackAfterSigkillAndStopCleanly() throws Exception {
        int api = consecutiveFreePorts(WORKERS);
        int ws = consecutiveFreePorts(WORKERS);
        while (Math.abs(ws - api) < WORKERS) {
            ws = consecutiveFreePorts(WORKERS);
        }
        Path data = Distribution.newDataDir("workers");
        Process supervisor = Distribution.aragora(data, Map.of("ARAGORA_STORAGE_MODE", "postgres", "DATABASE_URL", TestDatabase.create(),
                "ARAGORA_FEATURES", "core,http,sqlite,demo"), "serve", "--workers", String.valueOf(WORKERS),
                "--api-port", String.valueOf(api), "--ws-port", String.valueOf(ws)).redirectErrorStream(true).start();
        started.add(supervisor);
        Thread output = drain(supervisor.getInputStream());

        for (int i = 0; i < WORKERS; i++) {
            int port = api + i;
            await("worker " + (i + 1) + " ready on " + port, Duration.ofSeconds(300), () -> status(port, "/readyz", null) == 200);
        }
        List<long[]> workers = workers();
        assertThat(workers).as("one line per worker: index, pid, API port, WebSocket port").hasSize(WORKERS);
        for (int i = 0; i < WORKERS; i++) {
            assertThat(workers.get(i)).containsExactly(i + 1, workers.get(i)[1], api + i, ws + i);
            assertThat(listening(ws + i)).as("WebSocket port " + (ws + i)).isTrue();
        }
        // One database and one state tier: the admin token of the shared state dir works on
        // every worker, and a debate created on the first is read on the third.
        String token = Files.readString(data.resolve("state/admin_token"), StandardCharsets.UTF_8).strip();
        HttpResponse<String> created = send(api, "POST", "/api/v1/debates",
                "{\"task\":\"Shared?\",\"agents\":\"demo-supportive,demo-critical\",\"rounds\":1}", token);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Matcher id = ID.matcher(created.body());
        assertThat(id.find()).as(created.body()).isTrue();
        assertThat(status(api + 2, "/api/v1/debates/" + id.group(1), token)).isEqualTo(200);

        long killed = workers.get(1)[1];
        ProcessHandle.of(killed).orElseThrow().destroyForcibly();
        await("worker 2 started again", Duration.ofSeconds(60), () -> workers().size() > WORKERS);
        long restarted = workers().get(WORKERS)[1];
        assertThat(restarted).isNotEqualTo(killed);
        assertThat(workers().get(WORKERS)).containsExactly(2, restarted, api + 1, ws + 1);
        assertThat(log.toString()).contains("worker 2 exited with status 137; starting it again in 1 s");
        await("worker 2 ready again", Duration.ofSeconds(300), () -> status(api + 1, "/readyz", null) == 200);
        assertThat(status(api + 1, "/api/v1/debates/" + id.group(1), token)).isEqualTo(200);

        // SIGTERM through the handle: Process.destroy() would also close the output being read.
        supervisor.toHandle().destroy();
        assertThat(supervisor.waitFor(150, TimeUnit.SECONDS)).as("the supervisor exits after SIGTERM; log:\n" + log).isTrue();
        output.join(10_000);
        assertThat(supervisor.exitValue()).as(log.toString()).isZero();
        assertThat(log.toString()).contains("all workers stopped");
        for (long[] w : workers()) {
            assertThat(ProcessHandle.of(w[1]).map(ProcessHandle::isAlive).orElse(false)).as("worker pid " + w[1]).isFalse();
        }
    }

    @Test
    void workersOfASupervisorKilledWithSigkillDrainAndExit() throws Exception {
        int api = consecutiveFreePorts(2);
        int ws = consecutiveFreePorts(2);
        while (Math.abs(ws - api) < 2) {
            ws = consecutiveFreePorts(2);
        }
        Path data = Distribution.newDataDir("workers-orphaned");
        Process supervisor = Distribution.aragora(data, Map.of("ARAGORA_STORAGE_MODE", "postgres", "DATABASE_URL", TestDatabase.create(),
                "ARAGORA_FEATURES", "core,http,sqlite,demo"), "serve", "--workers", "2",
                "--api-port", String.valueOf(api), "--ws-port", String.valueOf(ws)).redirectErrorStream(true).start();
        started.add(supervisor);
        drain(supervisor.getInputStream());
        for (int i = 0; i < 2; i++) {
            int port = api + i;
            await("worker " + (i + 1) + " ready on " + port, Duration.ofSeconds(300), () -> status(port, "/readyz", null) == 200);
        }
        List<long[]> workers = workers();
        assertThat(workers).hasSize(2);

        supervisor.toHandle().destroyForcibly();
        assertThat(supervisor.waitFor(30, TimeUnit.SECONDS)).isTrue();
        for (long[] w : workers) {
            await("worker " + w[0] + " (pid " + w[1] + ") to exit without its supervisor", Duration.ofSeconds(120),
                    () -> !ProcessHandle.of(w[1]).map(ProcessHandle::isAlive).orElse(false));
        }
        // the workers write to the supervisor's output, which they hold open until they exit
        assertThat(log.toString().split("the supervisor is gone \\(its pipe closed\\); stopping this worker", -1))
                .as("each worker says why it stops; log:\n" + log).hasSize(3);
        assertThat(status(api, "/readyz", null)).isEqualTo(-1);
        assertThat(status(api + 1, "/readyz", null)).isEqualTo(-1);
    }

    /** Every "worker i of n (pid ...)" line so far, in order: index, pid, API port, WebSocket port. */
    private List<long[]> workers() {
        List<long[]> out = new ArrayList<>();
        Matcher m = STARTED.matcher(log);
        while (m.find()) {
            out.add(new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                    Long.parseLong(m.group(4))});
        }
        return out;
    }

    /** Copies the supervisor's output (its own and its workers') into {@link #log} until it ends. */
    private Thread drain(InputStream in) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) > 0;) {
                    log.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "workers-it-log");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private int status(int port, String path, String token) {
        HttpResponse<String> r = send(port, "GET", path, null, token);
        return r == null ? -1 : r.statusCode();
    }

    private HttpResponse<String> send(int port, String method, String path, String body, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + timeout.toSeconds() + " s for " + what + "; log:\n" + log);
            }
            Thread.sleep(250);
        }
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The first of {@code n} consecutive ports free right now. */
    private static int consecutiveFreePorts(int n) throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int first = ThreadLocalRandom.current().nextInt(20_000, 40_000);
            boolean free = true;
            for (int p = first; p < first + n && free; p++) {
                try (ServerSocket s = new ServerSocket()) {
                    s.setReuseAddress(true);
                    s.bind(new InetSocketAddress("127.0.0.1", p));
                } catch (IOException e) {
                    free = false;
                }
            }
            if (free) {
                return first;
            }
        }
        throw new IOException("no " + n + " consecutive free ports");
    }
}
