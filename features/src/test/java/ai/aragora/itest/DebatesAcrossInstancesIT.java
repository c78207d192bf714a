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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import ai.aragora.itest.support.TestDatabase;

/**
 * Debates outlive the process running them: real server processes, killed with SIGKILL, on one
 * PostgreSQL database (or one SQLite file for a single restarted instance). Scaled to this
 * machine: 60 debates on the instance that dies, 300 receipts issued by the survivors.
 */
class DebatesAcrossInstancesIT {

    private static final Pattern ID = Pattern.compile("\"debate_id\":\"([^\"]+)\"");
    private static final Pattern STATUS = Pattern.compile("\"status\":\"([a-z_]+)\"");
    private static final int DYING = 60;
    private static final int RECEIPTS = 300;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopWhatWeStarted() throws InterruptedException {
        Distribution.stopAll(started);
    }

    private final class Server {
        final Path data;
        final Map<String, String> env;
        final int port;
        Process process;

        Server(Path data, Map<String, String> env) throws IOException {
            this.data = data;
            this.env = env;
            this.port = Distribution.freePort();
        }

        Server start() throws Exception {
            // the per-principal creation limit would pace the test, not the engine
            Files.createDirectories(data.resolve("bundles"));
            Files.writeString(data.resolve("bundles/ai.aragora.rest.debates.cfg"), "create.per.minute = 1000000\ncreate.burst = 1000000\n");
            process = Distribution.aragora(data, env, "serve", "--api-port", String.valueOf(port), "--ws-port",
                    String.valueOf(Distribution.freePort())).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolve("out.log").toFile())).start();
            started.add(process);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < deadline) {
                HttpResponse<String> r = send("GET", "/readyz", null);
                if (r != null && r.statusCode() == 200) {
                    return this;
                }
                Thread.sleep(250);
            }
            throw new AssertionError("the server did not become ready; log:\n" + Files.readString(data.resolve("out.log")));
        }

        String token() throws IOException {
            return Files.readString(data.resolve("state/admin_token"), StandardCharsets.UTF_8).strip();
        }

        HttpResponse<String> send(String method, String path, String body) {
            try {
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
                if (Files.exists(data.resolve("state/admin_token"))) {
                    b.header("Authorization", "Bearer " + token());
                }
                return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }

        String debate(int rounds) throws InterruptedException {
            String body = "{\"task\":\"Should we shard the queue?\",\"agents\":\"demo-supportive,demo-critical,demo-balanced\","
                    + "\"rounds\":" + rounds + ",\"min_rounds\":" + rounds + "}";
            HttpResponse<String> r = send("POST", "/api/v1/debates", body);
            // until the raised creation limit (bundles/ai.aragora.rest.debates.cfg) is applied
            for (int i = 0; i < 60 && r != null && r.statusCode() == 429; i++) {
                Thread.sleep(500);
                r = send("POST", "/api/v1/debates", body);
            }
            assertThat(r).isNotNull();
            assertThat(r.statusCode()).as(r.body()).isBetween(200, 202);
            Matcher m = ID.matcher(r.body());
            assertThat(m.find()).as(r.body()).isTrue();
            return m.group(1);
        }

        String status(String id) {
            HttpResponse<String> r = send("GET", "/api/v1/debates/" + id, null);
            if (r == null || r.statusCode() != 200) {
                return r == null ? "unreachable" : "http " + r.statusCode();
            }
            Matcher m = STATUS.matcher(r.body());
            return m.find() ? m.group(1) : "none";
        }

        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Every debate's status once none is running any more, or when the time is up. */
    private static Map<String, String> settle(Server reader, List<String> ids, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        Map<String, String> seen = new TreeMap<>();
        do {
            for (String id : ids) {
                seen.put(id, reader.status(id));
            }
            if (seen.values().stream().noneMatch(s -> s.equals("running") || s.equals("created"))) {
                return seen;
            }
            Thread.sleep(1000);
        } while (System.nanoTime() < deadline);
        return seen;
    }

    private static Map<String, Long> counts(Map<String, String> statuses) {
        Map<String, Long> counts = new TreeMap<>();
        statuses.values().forEach(s -> counts.merge(s, 1L, Long::sum));
        return counts;
    }

    @Test
    void debatesOfAKilledInstanceEndOnTheOthersAndTheReceiptChainStaysOne() throws Exception {
        String url = TestDatabase.create();
        Map<String, String> env = new HashMap<>(Map.of("ARAGORA_FEATURES", "core,http,postgres,demo", "ARAGORA_STORAGE_MODE",
                "postgres", "DATABASE_URL", url, "ARAGORA_DEMO_LATENCY_MS", "1000"));
        Server a = new Server(Distribution.newDataDir("instance-a"), env).start();
        env.put("ARAGORA_ODR_SIGNING_KEY_FILE", a.data.resolve("state/odr-signing-key.pem").toString());
        Server b = new Server(Distribution.newDataDir("instance-b"), env).start();
        Server c = new Server(Distribution.newDataDir("instance-c"), env).start();

        List<String> onA = new ArrayList<>();
        for (int i = 0; i < DYING; i++) {
            onA.add(a.debate(4));
        }
        Thread.sleep(2500);
        assertThat(counts(settle(b, onA, Duration.ZERO))).as("running on A when it is killed").containsKey("running");
        long killedAt = System.nanoTime();
        a.kill();
        System.out.println("A killed at " + java.time.Instant.now());

        Map<String, String> ended = settle(b, onA, Duration.ofSeconds(180));
        long settledMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
        System.out.println("after kill -9 of A: " + counts(ended) + ", all ended " + settledMs + " ms after the kill");
        assertThat(ended).hasSize(DYING);
        assertThat(ended.values()).allSatisfy(s -> assertThat(s).isIn("completed", "consensus_reached", "interrupted"));
        for (String id : onA) {
            if (ended.get(id).equals("interrupted")) {
                HttpResponse<String> messages = b.send("GET", "/api/v1/debates/" + id + "/messages?limit=200", null);
                assertThat(messages.body()).as(id).contains("could not be resumed");
            }
        }

        // Now a lot of receipts at once from the two survivors: one chain.
        List<String> quick = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread[] issuers = new Thread[4];
        for (int t = 0; t < issuers.length; t++) {
            Server on = t % 2 == 0 ? b : c;
            issuers[t] = new Thread(() -> {
                try {
                    for (int i = 0; i < RECEIPTS / issuers.length; i++) {
                        quick.add(on.debate(1));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            issuers[t].start();
        }
        for (Thread t : issuers) {
            t.join();
        }
        assertThat(quick).as("debates created for receipts").hasSize(RECEIPTS);
        Map<String, String> decided = settle(c, quick, Duration.ofSeconds(240));
        System.out.println("receipt debates on B and C: " + counts(decided));
        assertThat(decided.values()).allSatisfy(s -> assertThat(s).isIn("completed", "consensus_reached"));

        Process check = Distribution.aragora(b.data, env, "integrity-check").redirectErrorStream(true).start();
        started.add(check);
        String out = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(120, TimeUnit.SECONDS)).isTrue();
        System.out.println(out);
        assertThat(check.exitValue()).as(out).isZero();
        assertThat(out).contains("receipt chain: ", "link and hash correctly", "integrity ok");
    }

    @Test
    void aSingleInstanceOnSqliteKilledAndRestartedResumesItsDebates() throws Exception {
        Map<String, String> env = Map.of("ARAGORA_FEATURES", "core,http,sqlite,demo", "ARAGORA_DEMO_LATENCY_MS", "1000");
        Path data = Distribution.newDataDir("single");
        Server first = new Server(data, env).start();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(first.debate(4));
        }
        Thread.sleep(2500);
        first.kill();

        Server again = new Server(data, env).start();
        Map<String, String> ended = settle(again, ids, Duration.ofSeconds(120));
        System.out.println("after kill -9 and restart on SQLite: " + counts(ended));
        assertThat(ended.values()).allSatisfy(s -> assertThat(s).isIn("completed", "consensus_reached"));
        HttpResponse<String> messages = again.send("GET", "/api/v1/debates/" + ids.get(0) + "/messages?limit=200", null);
        assertThat(messages.body()).contains("Resumed");
    }
}
