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
 * Debates outlive the process running them: real server processes, killed with SIGKILL or
 * stopped with SIGTERM, on one PostgreSQL database (or one SQLite file for a single restarted
 * instance), and so do decisions: each ends where its debate ends, and an instance starting
 * leaves the others' decisions alone. At the scale: 1,000 receipts issued across three
 * instances, 100 debates on the instance killed.
 */
class DebatesAcrossInstancesIT {

    private static final Pattern ID = Pattern.compile("\"debate_id\":\"([^\"]+)\"");
    private static final Pattern DECISION_ID = Pattern.compile("\"decision_id\":\"([^\"]+)\"");
    private static final Pattern STATUS = Pattern.compile("\"status\":\"([a-z_]+)\"");
    private static final int DYING = 100;
    private static final int RECEIPTS = 1000;
    private static final int HANDED_OVER = 20;
    private static final int DECISIONS = 10;

    private static final String NO_CREATION_LIMIT = "create.per.minute = 1000000\ncreate.burst = 1000000\n";

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
            Files.writeString(data.resolve("bundles/ai.aragora.rest.debates.cfg"), NO_CREATION_LIMIT);
            launch();
            awaitRaisedLimit();
            return this;
        }

        private void awaitRaisedLimit() throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                HttpResponse<String> r = send("GET", "/api/system/rate-limits", null);
                if (r != null && r.body().contains("\"per_minute\":1000000.0")) {
                    return;
                }
                Thread.sleep(500);
            }
            throw new AssertionError("the raised creation limit was not applied: " + send("GET", "/api/system/rate-limits", null).body());
        }

        /** Starts with its debates held under {@code leaseMillis}: a debate resumed sooner was handed over, not left to run out. */
        Server start(int leaseMillis) throws Exception {
            Files.createDirectories(data.resolve("bundles"));
            Files.writeString(data.resolve("bundles/ai.aragora.debate.cfg"), "lease.ms = " + leaseMillis + "\n");
            return start();
        }

        private Server launch() throws Exception {
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

        /** A gauntlet of {@code rounds} rounds (a gauntlet runs all its rounds): its id once recorded. */
        String decision(int rounds) {
            HttpResponse<String> r = send("POST", "/api/v1/decisions", "{\"input\":\"Should we split the monolith?\","
                    + "\"decision_type\":\"gauntlet\",\"use_cache\":false,\"config\":{\"rounds\":" + rounds + "}}");
            assertThat(r).isNotNull();
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            Matcher m = DECISION_ID.matcher(r.body());
            assertThat(m.find()).as(r.body()).isTrue();
            return m.group(1);
        }

        String decisionStatus(String id) {
            HttpResponse<String> r = send("GET", "/api/v1/decisions/" + id, null);
            if (r == null || r.statusCode() != 200) {
                return r == null ? "unreachable" : "http " + r.statusCode();
            }
            Matcher m = STATUS.matcher(r.body());
            return m.find() ? m.group(1) : "none";
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

        /** SIGTERM, as an orchestrator stops it: the exit code once it stopped. */
        int stop() throws InterruptedException {
            process.destroy();
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("stopped within its grace period and the framework's").isTrue();
            return process.exitValue();
        }

        String messages(String id) {
            HttpResponse<String> r = send("GET", "/api/v1/debates/" + id + "/messages?limit=200", null);
            return r == null ? "unreachable" : r.body();
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

    /** Every decision's status once none is pending or processing any more, or when the time is up. */
    private static Map<String, String> settleDecisions(Server reader, List<String> ids, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        Map<String, String> seen = new TreeMap<>();
        do {
            for (String id : ids) {
                seen.put(id, reader.decisionStatus(id));
            }
            if (seen.values().stream().noneMatch(s -> s.equals("pending") || s.equals("processing"))) {
                return seen;
            }
            Thread.sleep(1000);
        } while (System.nanoTime() < deadline);
        return seen;
    }

    private static List<String> decisions(Server on, int count, int rounds) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(on.decision(rounds));
        }
        return ids;
    }

    private static Map<String, Long> counts(Map<String, String> statuses) {
        Map<String, Long> counts = new TreeMap<>();
        statuses.values().forEach(s -> counts.merge(s, 1L, Long::sum));
        return counts;
    }

    /** {@code count} one-round debates created from {@code threads} clients spread over {@code servers}, all at once. */
    private static List<String> concurrently(int count, int threads, Server... servers) throws InterruptedException {
        List<String> ids = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread[] clients = new Thread[threads];
        for (int t = 0; t < clients.length; t++) {
            Server on = servers[t % servers.length];
            int share = count / threads + (t < count % threads ? 1 : 0);
            clients[t] = new Thread(() -> {
                try {
                    for (int i = 0; i < share; i++) {
                        ids.add(on.debate(1));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            clients[t].start();
        }
        for (Thread t : clients) {
            t.join();
        }
        return ids;
    }

    @Test
    void debatesOfAKilledOrStoppedInstanceEndOnTheOthersAndTheReceiptChainStaysOne() throws Exception {
        long begun = System.nanoTime();
        String url = TestDatabase.create();
        Map<String, String> env = new HashMap<>(Map.of("ARAGORA_FEATURES", "core,http,postgres,demo", "ARAGORA_STORAGE_MODE",
                "postgres", "DATABASE_URL", url, "ARAGORA_DEMO_LATENCY_MS", "1000"));
        Server a = new Server(Distribution.newDataDir("instance-a"), env).start();
        env.put("ARAGORA_ODR_SIGNING_KEY_FILE", a.data.resolve("state/odr-signing-key.pem").toString());
        Map<String, String> briefGrace = new HashMap<>(env);
        briefGrace.put("ARAGORA_SHUTDOWN_GRACE_SECONDS", "2");
        // B holds its debates under a lease of 10 minutes: stopped, it must give them back, not let the leases run out.
        Server b = new Server(Distribution.newDataDir("instance-b"), briefGrace).start(600_000);
        Server c = new Server(Distribution.newDataDir("instance-c"), env).start();

        // Receipts issued concurrently by the three instances: one chain (checked at the end).
        long receiptsFrom = System.nanoTime();
        List<String> quick = concurrently(RECEIPTS, 6, a, b, c);
        assertThat(quick).as("debates created for receipts").hasSize(RECEIPTS);
        Map<String, String> decided = settle(c, quick, Duration.ofSeconds(300));
        System.out.println("receipt debates on A, B and C: " + counts(decided) + " in "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - receiptsFrom) + " ms");
        assertThat(decided.values()).allSatisfy(s -> assertThat(s).isIn("completed", "consensus_reached"));

        List<String> onA = new ArrayList<>();
        for (int i = 0; i < DYING; i++) {
            onA.add(a.debate(4));
        }
        List<String> decidedOnA = decisions(a, DECISIONS, 4);
        Thread.sleep(2500);
        assertThat(counts(settle(c, onA, Duration.ZERO))).as("running on A when it is killed").containsKey("running");
        long killedAt = System.nanoTime();
        a.kill();
        System.out.println("A killed at " + java.time.Instant.now());

        Map<String, String> ended = settle(c, onA, Duration.ofSeconds(240));
        long settledMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
        System.out.println("after kill -9 of A: " + counts(ended) + ", all ended " + settledMs + " ms after the kill");
        assertThat(ended).hasSize(DYING);
        assertThat(ended.values()).allSatisfy(s -> assertThat(s).isIn("completed", "consensus_reached", "interrupted"));
        for (String id : onA) {
            if (ended.get(id).equals("interrupted")) {
                assertThat(c.messages(id)).as(id).contains("could not be resumed");
            }
        }
        Map<String, String> decisionsOfA = settleDecisions(c, decidedOnA, Duration.ofSeconds(120));
        System.out.println("decisions of A after its kill -9: " + counts(decisionsOfA));
        assertThat(decisionsOfA.values()).as("taken over by B or C and ended there").allSatisfy(s -> assertThat(s).isEqualTo("completed"));

        // An instance starting (A restarted) leaves the decisions the others run alone.
        List<String> decidedOnB = decisions(b, DECISIONS, 12);
        Thread.sleep(2000);
        Server restarted = new Server(a.data, env).start();
        Thread.sleep(2000);
        assertThat(settleDecisions(c, decidedOnB, Duration.ZERO).values()).as("B's decisions once A restarted")
                .allSatisfy(s -> assertThat(s).isIn("pending", "processing"));

        // SIGTERM: what B still runs after its grace period is handed over and ends on C, long before B's leases would run out.
        List<String> onB = new ArrayList<>();
        for (int i = 0; i < HANDED_OVER; i++) {
            onB.add(b.debate(4));
        }
        Thread.sleep(2500);
        assertThat(counts(settle(c, onB, Duration.ZERO))).as("running on B when it is stopped").containsKey("running");
        assertThat(b.stop()).as("B's exit code").isZero();
        long stoppedAt = System.nanoTime();
        Map<String, String> handedOver = settle(c, onB, Duration.ofSeconds(120));
        long handedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stoppedAt);
        System.out.println("after SIGTERM of B: " + counts(handedOver) + ", all ended " + handedMs + " ms after B exited");
        assertThat(handedOver.values()).as("none interrupted by the stop, none left to B's 10-minute leases")
                .allSatisfy(s -> assertThat(s).isIn("completed", "consensus_reached"));
        assertThat(onB.stream().filter(id -> c.messages(id).contains("Resumed"))).as("resumed on C").isNotEmpty();
        Map<String, String> decisionsOfB = settleDecisions(c, decidedOnB, Duration.ofSeconds(240));
        System.out.println("decisions of B after its SIGTERM: " + counts(decisionsOfB));
        assertThat(decisionsOfB.values()).as("followed to their debates' end on A or C, not failed by the handover")
                .allSatisfy(s -> assertThat(s).isEqualTo("completed"));
        assertThat(restarted.decisionStatus(decidedOnB.get(0))).isEqualTo("completed");

        Process check = Distribution.aragora(c.data, env, "integrity-check").redirectErrorStream(true).start();
        started.add(check);
        String out = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(120, TimeUnit.SECONDS)).isTrue();
        System.out.println(out);
        assertThat(check.exitValue()).as(out).isZero();
        assertThat(out).contains("receipt chain: ", "link and hash correctly", "integrity ok");
        System.out.println("three instances on PostgreSQL: " + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - begun) + " s");
    }

    @Test
    void aSingleInstanceOnSqliteStoppedOrKilledAndRestartedResumesItsDebates() throws Exception {
        Map<String, String> env = Map.of("ARAGORA_FEATURES", "core,http,sqlite,demo", "ARAGORA_DEMO_LATENCY_MS", "1000",
                "ARAGORA_SHUTDOWN_GRACE_SECONDS", "1");
        Path data = Distribution.newDataDir("single");
        Server first = new Server(data, env).start();
        List<String> stopped = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            stopped.add(first.debate(4));
        }
        List<String> decidedBeforeStop = decisions(first, 5, 4);
        Thread.sleep(2500);
        assertThat(first.stop()).as("exit code after SIGTERM").isZero();

        Server again = new Server(data, env).start();
        Map<String, String> ended = settle(again, stopped, Duration.ofSeconds(120));
        System.out.println("after SIGTERM and restart on SQLite: " + counts(ended));
        assertThat(ended.values()).as("left resumable by the stop, not interrupted")
                .allSatisfy(s -> assertThat(s).isIn("completed", "consensus_reached"));
        assertThat(again.messages(stopped.get(0))).contains("Resumed").doesNotContain("Interrupted");
        assertThat(settleDecisions(again, decidedBeforeStop, Duration.ofSeconds(120)).values())
                .as("decisions given back at the stop and taken over on restart").allSatisfy(s -> assertThat(s).isEqualTo("completed"));

        List<String> killed = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            killed.add(again.debate(4));
        }
        List<String> decidedBeforeKill = decisions(again, 5, 4);
        Thread.sleep(2500);
        again.kill();

        Server third = new Server(data, env).start();
        ended = settle(third, killed, Duration.ofSeconds(120));
        System.out.println("after kill -9 and restart on SQLite: " + counts(ended));
        assertThat(ended.values()).allSatisfy(s -> assertThat(s).isIn("completed", "consensus_reached"));
        assertThat(third.messages(killed.get(0))).contains("Resumed");
        assertThat(settleDecisions(third, decidedBeforeKill, Duration.ofSeconds(120)).values())
                .as("decisions of the killed process taken over once their lease ran out").allSatisfy(s -> assertThat(s).isEqualTo("completed"));
    }
}
