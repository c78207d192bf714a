package ai.aragora.itest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import ai.aragora.itest.support.TestBundles;

/**
 * What a client sees of {@code bin/aragora serve} from the first moment to the last: JSON at
 * every moment (503 "starting" until ready, 503 "stopping" while it drains), readiness that
 * means every route answers for real, and a stop that logs no error.
 */
class ServingIT {

    private static final String FEATURES = "core,http,sqlite,demo,webconsole,providers";
    private static final Pattern CODE = Pattern.compile("\"code\":\"([a-z_]+)\"");
    private static final String DEBATE = "{\"task\":\"Ready?\",\"agents\":\"demo-supportive,demo-critical\",\"rounds\":1}";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopWhatWeStarted() throws InterruptedException {
        Distribution.stopAll(started);
    }

    /** One server on a fresh data dir: a cold start, with a new state dir and signing key. */
    private final class Server {
        final Path data;
        final int port;
        final Process process;
        /** Every distinct non-JSON answer seen, as "status content-type body". */
        final Set<String> notJson = new LinkedHashSet<>();
        final Set<String> codes = new LinkedHashSet<>();
        /** Where the server is, as far as the test knows: starting, ready or stopping. */
        volatile String phase = "starting";

        Server(Map<String, String> env) throws IOException {
            this(Distribution.newDataDir("serving"), env);
        }

        Server(Path data, Map<String, String> env) throws IOException {
            this.data = data;
            port = Distribution.freePort();
            Map<String, String> environment = new HashMap<>(Map.of("ARAGORA_FEATURES", FEATURES));
            environment.putAll(env);
            process = Distribution.aragora(data, environment, "serve", "--api-port", String.valueOf(port),
                    "--ws-port", String.valueOf(Distribution.freePort()))
                    .redirectErrorStream(true).redirectOutput(data.resolve("out.log").toFile())
                    .start();
            started.add(process);
        }

        /** The answer, or null when nothing listens (yet, or any more). */
        HttpResponse<String> send(String method, String path, String body, String token) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(20))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            if (body != null) {
                b.header("Content-Type", "application/json");
            }
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            try {
                HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
                String type = r.headers().firstValue("Content-Type").orElse("");
                // the signing key is PEM and the dropped-in test resource plain text, when they answer themselves
                boolean notJsonByDesign = (path.startsWith("/.well-known") || path.equals("/hello")) && r.statusCode() == 200;
                if (!notJsonByDesign && !(type.startsWith("application/json") && r.body().startsWith("{"))) {
                    notJson.add(phase + ": " + method + " " + path + " -> " + r.statusCode() + " " + type + " " + clip(r.body()));
                }
                Matcher code = CODE.matcher(r.body());
                if (r.statusCode() == 503 && code.find()) {
                    codes.add(code.group(1) + " retry-after=" + r.headers().firstValue("Retry-After").orElse("none"));
                }
                return r;
            } catch (IOException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        HttpResponse<String> get(String path) {
            return send("GET", path, null, null);
        }

        /** Polls tightly until the first 200 from /readyz, touching other paths on the way. */
        void awaitFirstReady() {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            int round = 0;
            while (System.nanoTime() < deadline && process.isAlive()) {
                HttpResponse<String> ready = get("/readyz");
                if (ready != null && ready.statusCode() == 200) {
                    phase = "ready";
                    return;
                }
                if (ready != null) {
                    // the same moments seen from other routes, known and unknown
                    switch (round++ % 4) {
                        case 0 -> get("/healthz");
                        case 1 -> get("/no/such/path");
                        case 2 -> send("DELETE", "/healthz", null, null);
                        default -> send("POST", "/api/v1/debates", DEBATE, null);
                    }
                }
            }
            throw new AssertionError("the server did not become ready; log:\n" + log());
        }

        String adminToken() throws IOException {
            return Files.readString(data.resolve("state/admin_token"), StandardCharsets.UTF_8).strip();
        }

        int stop() throws InterruptedException {
            phase = "stopping";
            process.destroy();
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("stopped").isTrue();
            return process.exitValue();
        }

        String log() {
            try {
                return Files.readString(data.resolve("out.log"), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(no log: " + e + ")";
            }
        }
    }

    private static String body(HttpResponse<String> response) {
        return response == null ? null : response.body();
    }

    private static String clip(String s) {
        String one = s.replace('\n', ' ');
        return one.length() > 120 ? one.substring(0, 120) + "..." : one;
    }

    /**
     * Bug: /readyz said 200 while POST /api/v1/debates answered 503 ("the debate engine is not
     * running") or 404, and before /api/agents and the signing key answered. A race, so several
     * cold starts, each asking the moment the first 200 arrives.
     */
    @Test
    void theFirstReadyMeansEveryRouteAnswersForReal() throws Exception {
        for (int start = 0; start < 3; start++) {
            Server server = new Server(Map.of());
            server.awaitFirstReady();
            String token = server.adminToken();
            HttpResponse<String> created = server.send("POST", "/api/v1/debates", DEBATE, token);
            HttpResponse<String> agents = server.send("GET", "/api/agents", null, token);
            HttpResponse<String> key = server.get("/.well-known/aragora-odr-signing-key");
            assertThat(created.statusCode()).as("start %d: POST /api/v1/debates at the first ready: %s", start, created.body())
                    .isEqualTo(201);
            assertThat(agents.statusCode()).as("start %d: /api/agents: %s", start, agents.body()).isEqualTo(200);
            assertThat(agents.body()).contains("demo-supportive");
            assertThat(key.statusCode()).as("start %d: the signing key: %s", start, key.body()).isEqualTo(200);
            assertThat(key.body()).startsWith("-----BEGIN PUBLIC KEY-----");
            assertThat(Files.exists(server.data.resolve("state/odr-signing-key.pem"))).isTrue();
            assertThat(server.stop()).isZero();
        }
    }

    /**
     * Bug: before the REST resources registered, and while stopping, Jetty answered HTML error
     * pages. Every answer is JSON: 503 "starting" with Retry-After until ready, the route's own
     * answer or a JSON 404/405 once ready, 503 "stopping" while the engine drains.
     */
    @Test
    void everyAnswerIsJsonFromTheFirstMomentToTheLast() throws Exception {
        Server server = new Server(Map.of("ARAGORA_DEMO_LATENCY_MS", "400"));
        server.awaitFirstReady();
        assertThat(server.codes).as("what was answered before ready").contains("starting retry-after=1");

        HttpResponse<String> unknown = server.get("/no/such/path");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("\"code\":\"not_found\"");
        HttpResponse<String> wrongMethod = server.send("DELETE", "/healthz", null, null);
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.body()).contains("\"code\":\"method_not_allowed\"");

        // a debate keeps the engine draining for a while after SIGTERM
        String token = server.adminToken();
        HttpResponse<String> created = server.send("POST", "/api/v1/debates",
                "{\"task\":\"Drain me?\",\"agents\":\"demo-supportive,demo-critical\",\"rounds\":4}", token);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        server.phase = "stopping";
        server.process.destroy();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (server.process.isAlive() && System.nanoTime() < deadline) {
            server.get("/api/v1/health");
            server.get("/no/such/path");
        }
        assertThat(server.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(server.process.exitValue()).isZero();
        assertThat(server.codes).as("what was answered while draining").contains("stopping retry-after=5");
        assertThat(server.notJson).as("answers that were not JSON").isEmpty();
    }

    /** Bug: debates run by {@code aragora debate} were missing from the operator's list. */
    @Test
    void aDebateRunFromTheCommandLineIsListedForTheOperator() throws Exception {
        Path data = Distribution.newDataDir("serving-cli");
        ProcessBuilder builder = new ProcessBuilder(Distribution.home().resolve("bin/aragora").toString(), "debate",
                "Should the operator see this debate?").redirectErrorStream(true).redirectOutput(data.resolve("cli.log").toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("ARAGORA_"));
        builder.environment().put("ARAGORA_DATA_DIR", data.toString());
        builder.environment().put("ARAGORA_TEMP_DIR", data.resolve("tmp").toString());
        Process cli = builder.start();
        started.add(cli);
        assertThat(cli.waitFor(180, TimeUnit.SECONDS)).as("the debate command ended").isTrue();
        assertThat(cli.exitValue()).as(Files.readString(data.resolve("cli.log"))).isZero();

        Server server = new Server(data, Map.of());
        server.awaitFirstReady();
        HttpResponse<String> list = server.send("GET", "/api/v1/debates", null, server.adminToken());
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("Should the operator see this debate?", "\"total\":1");
        assertThat(server.stop()).isZero();
    }

    /**
     * Bug: the first stop logged "ERROR ... Service factory returned null" with a stack trace from
     * the REST whiteboard. As the container test does it: requests, a REST bundle dropped in, SIGTERM.
     */
    @Test
    void aCleanStopLogsNoErrors() throws Exception {
        Server server = new Server(Map.of());
        server.awaitFirstReady();
        Path bundles = Files.createDirectories(server.data.resolve("bundles"));
        TestBundles.build("ai.aragora.itest.hello", "1.0.0", "ai.aragora.itest.hello", Map.of(), bundles.resolve("hello.jar"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && !"hello from 1.0.0".equals(body(server.get("/hello")))) {
            Thread.sleep(100);
        }
        assertThat(body(server.get("/hello"))).as("the dropped-in resource serves").isEqualTo("hello from 1.0.0");
        String token = server.adminToken();
        assertThat(server.send("POST", "/api/v1/debates", DEBATE, token).statusCode()).isEqualTo(201);
        server.get("/api/agents");
        server.get("/api/openapi.json");
        server.send("GET", "/api/v1/debates", null, token);
        assertThat(server.stop()).isZero();
        String log = server.log();
        assertThat(log).contains("stopped");
        assertThat(log.lines().filter(l -> l.contains(" ERROR ") || l.contains("Exception") || l.startsWith("\tat ")))
                .as("log:\n" + log).isEmpty();
    }
}
