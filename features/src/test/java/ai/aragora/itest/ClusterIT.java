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
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import ai.aragora.itest.support.TestDatabase;
import ai.aragora.itest.support.TestRedis;

/**
 * Three {@code bin/aragora serve} processes on one PostgreSQL database and one Redis, as several
 * instances behind a load balancer run: limits, invalidations and revocations hold across them,
 * and a Redis that goes away and comes back is reported and recovered from.
 */
class ClusterIT {

    private static final String FEATURES = "core,http,postgres,demo,providers";
    private static final String ADMIN_TOKEN = "cluster-it-admin-token-0123456789abcdef";
    private static final Pattern SIZE = Pattern.compile("\"total_entries\"\\s*:\\s*(\\d+)");
    private static final Pattern RECEIVED = Pattern.compile("(?m)^aragora_cluster_messages_received_total (\\S+)");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Process> started = new ArrayList<>();
    private TestRedis redis;

    @AfterEach
    void stop() throws InterruptedException {
        Distribution.stopAll(started);
        if (redis != null) {
            redis.stop();
        }
    }

    private final class Instance {
        final String name;
        final Path data;
        final int port;
        final Process process;

        Instance(String name, String databaseUrl, String features, Map<String, String> extra) throws IOException {
            this.name = name;
            data = Distribution.newDataDir("cluster-" + name);
            port = Distribution.freePort();
            Map<String, String> env = new HashMap<>(extra);
            env.put("ARAGORA_FEATURES", features);
            env.put("ARAGORA_STORAGE_MODE", "postgres");
            env.put("DATABASE_URL", databaseUrl);
            env.put("ARAGORA_REDIS_URL", redis.url());
            env.put("ARAGORA_REQUIRE_DISTRIBUTED", "true");
            // long enough to cancel a running decision on another instance
            env.put("ARAGORA_DEMO_LATENCY_MS", "200");
            // what several instances must share to accept each other's tokens and read each other's secrets
            env.put("ARAGORA_API_TOKEN", ADMIN_TOKEN);
            env.put("ARAGORA_JWT_SECRET", "cluster-it-jwt-secret-0123456789abcdef0123456789");
            env.put("ARAGORA_ENCRYPTION_KEY", "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
            process = Distribution.aragora(data, env, "serve", "--api-port", String.valueOf(port),
                    "--ws-port", String.valueOf(Distribution.freePort()))
                    .redirectErrorStream(true).redirectOutput(data.resolve("out.log").toFile()).start();
            started.add(process);
        }

        HttpResponse<String> send(String method, String path, String body, String token) throws IOException, InterruptedException {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            if (body != null) {
                b.header("Content-Type", "application/json");
            }
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
            return send("GET", path, null, token);
        }

        HttpResponse<String> post(String path, String body, String token) throws IOException, InterruptedException {
            return send("POST", path, body, token);
        }

        void awaitReady() throws InterruptedException {
            await(name + " ready", Duration.ofSeconds(180), () -> {
                try {
                    return process.isAlive() && get("/readyz", null).statusCode() == 200;
                } catch (IOException | InterruptedException e) {
                    return false;
                }
            });
        }

        String health() throws IOException, InterruptedException {
            return get("/api/v1/health", ADMIN_TOKEN).body();
        }

        int cacheSize() throws IOException, InterruptedException {
            Matcher m = SIZE.matcher(get("/api/v1/cache/stats", ADMIN_TOKEN).body());
            assertThat(m.find()).isTrue();
            return Integer.parseInt(m.group(1));
        }

        double received() throws IOException, InterruptedException {
            Matcher m = RECEIVED.matcher(get("/api/metrics", ADMIN_TOKEN).body());
            return m.find() ? Double.parseDouble(m.group(1)) : 0;
        }

        String log() {
            try {
                return Files.readString(data.resolve("out.log"), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(no log: " + e + ")";
            }
        }
    }

    private List<Instance> cluster(int n) throws Exception {
        return cluster(n, FEATURES, url -> Map.of());
    }

    /** {@code environment}: more variables, given the Redis URL. */
    private List<Instance> cluster(int n, String features, Function<String, Map<String, String>> environment) throws Exception {
        redis = TestRedis.start();
        Map<String, String> extra = environment.apply(redis.url());
        String database = TestDatabase.create();
        // the first creates the schema alone, so that the others do not race its migrations
        List<Instance> instances = new ArrayList<>();
        instances.add(new Instance("a", database, features, extra));
        instances.get(0).awaitReady();
        for (int i = 1; i < n; i++) {
            instances.add(new Instance(String.valueOf((char) ('a' + i)), database, features, extra));
        }
        for (Instance instance : instances) {
            instance.awaitReady();
        }
        for (Instance instance : instances) {
            await(instance.name + " connected to redis", Duration.ofSeconds(30), () -> healthy(instance));
        }
        return instances;
    }

    private static boolean healthy(Instance instance) {
        try {
            return instance.health().contains("\"redis\":{\"status\":\"healthy\"}");
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    void limitsInvalidationsAndRevocationsHoldAcrossInstances() throws Exception {
        List<Instance> instances = cluster(3);
        Instance a = instances.get(0);
        Instance b = instances.get(1);
        Instance c = instances.get(2);

        // Debate creation (a burst of 10, one more every 2 s) alternately on A and C: one bucket.
        Account user = register(a, "limits");
        String debate = "{\"task\":\"Shared limits?\",\"agents\":\"demo-supportive,demo-critical\",\"rounds\":1}";
        assertThat(c.get("/api/system/rate-limits", ADMIN_TOKEN).body()).contains("\"name\":\"debates.create\"", "\"shared\":true");
        int admitted = 0;
        long start = System.nanoTime();
        HttpResponse<String> onC = null;
        for (int i = 0; i < 40; i++) {
            HttpResponse<String> r = (i % 2 == 0 ? a : c).post("/api/v1/debates", debate, user.accessToken);
            if (r.statusCode() == 429 && i % 2 == 1) {
                onC = r;
                break;
            }
            assertThat(r.statusCode()).as(r.body()).isIn(201, 429);
            admitted += r.statusCode() == 201 ? 1 : 0;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(onC).as("C refuses once the shared bucket is spent").isNotNull();
        assertThat(onC.headers().firstValue("Retry-After")).isPresent();
        // each instance alone would admit its own 10 before refusing: 19 or more in all
        assertThat(admitted).as("admitted in %.1f s", seconds).isGreaterThanOrEqualTo(10).isLessThanOrEqualTo(10 + (int) (seconds / 2) + 1);
        System.out.printf("debate creation across A and C: %d admitted in %.1f s before C refused%n", admitted, seconds);

        // Login attempts (10 at once, one more every 6 s, per account) over A, B and C are counted
        // together: alone, each instance would refuse only after its own 10, 30 in all.
        String email = "brute-" + System.nanoTime() + "@example.test";
        String wrong = "{\"email\":\"" + email + "\",\"password\":\"not the password at all\"}";
        int failed = 0;
        long loginStart = System.nanoTime();
        int status = 401;
        while (status == 401 && failed < 30) {
            status = instances.get(failed % 3).post("/api/v1/auth/login", wrong, null).statusCode();
            failed += status == 401 ? 1 : 0;
        }
        double loginSeconds = (System.nanoTime() - loginStart) / 1e9;
        assertThat(status).isEqualTo(429);
        assertThat(failed).as("attempts before refusal in %.1f s", loginSeconds)
                .isBetween(10, 10 + (int) (loginSeconds / 6) + 1);

        // Decision cache: an invalidation on B empties the instance that holds the entry.
        Account decider = register(b, "cache");
        String decision = "{\"input\":\"Cache across instances?\",\"config\":{\"seed\":5}}";
        HttpResponse<String> submitted = c.post("/api/v1/decisions", decision, decider.accessToken);
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
        String id = text(submitted.body(), "decision_id");
        await("decision completed", Duration.ofSeconds(120), () -> {
            try {
                return text(c.get("/api/v1/decisions/" + id + "/status", decider.accessToken).body(), "status").equals("completed");
            } catch (IOException | InterruptedException | AssertionError e) {
                return false;
            }
        });
        Instance holder = null;
        for (Instance instance : instances) {
            if (instance.cacheSize() > 0) {
                holder = instance;
            }
        }
        assertThat(holder).as("the instance that decided cached the answer").isNotNull();
        Instance other = holder == b ? a : b;
        assertThat(other.post("/api/v1/cache/invalidate/workspace/" + decider.orgId, null, ADMIN_TOKEN).statusCode()).isEqualTo(200);
        Instance holding = holder;
        long before = System.nanoTime();
        await("entries of " + holding.name + " invalidated", Duration.ofSeconds(1), () -> {
            try {
                return holding.cacheSize() == 0;
            } catch (IOException | InterruptedException e) {
                return false;
            }
        });
        System.out.printf("invalidation on %s reached %s within %d ms%n", other.name, holding.name,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before));

        // A decision running on A is cancelled through B: the request reaches A over the bus.
        String gauntlet = "{\"input\":\"Cancel across instances?\",\"decision_type\":\"gauntlet\",\"use_cache\":false,"
                + "\"config\":{\"rounds\":12}}";
        HttpResponse<String> onA = a.post("/api/v1/decisions", gauntlet, decider.accessToken);
        assertThat(onA.statusCode()).as(onA.body()).isEqualTo(201);
        String running = text(onA.body(), "decision_id");
        await("decision running on A", Duration.ofSeconds(30), () -> {
            try {
                return text(a.get("/api/v1/decisions/" + running + "/status", decider.accessToken).body(), "status").equals("processing");
            } catch (IOException | InterruptedException | AssertionError e) {
                return false;
            }
        });
        HttpResponse<String> cancelled = b.post("/api/v1/decisions/" + running + "/cancel", "{\"reason\":\"asked on B\"}",
                decider.accessToken);
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        assertThat(cancelled.body()).contains("\"status\":\"cancelled\"", "asked on B");
        assertThat(c.get("/api/v1/decisions/" + running, decider.accessToken).body()).contains("\"status\":\"cancelled\"");

        // Revocations: every instance reads them from the shared store on each request.
        Account owner = register(a, "revoke");
        HttpResponse<String> key = a.post("/api/v1/auth/api-key", null, owner.accessToken);
        String apiKey = text(key.body(), "api_key");
        assertThat(c.get("/api/v1/auth/me", apiKey).statusCode()).isEqualTo(200);
        assertThat(a.send("DELETE", "/api/v1/auth/api-key?id=" + text(key.body(), "id"), null, owner.accessToken).statusCode())
                .isEqualTo(200);
        assertThat(c.get("/api/v1/auth/me", apiKey).statusCode()).as("a key revoked on A, used on C").isEqualTo(401);
        assertThat(b.get("/api/v1/auth/me", owner.accessToken).statusCode()).isEqualTo(200);
        assertThat(a.post("/api/v1/auth/logout", null, owner.accessToken).statusCode()).isEqualTo(200);
        assertThat(b.get("/api/v1/auth/me", owner.accessToken).statusCode()).as("logged out on A, used on B").isEqualTo(401);
    }

    @Test
    void redisAwayIsReportedAndRecoveredFrom() throws Exception {
        List<Instance> instances = cluster(2);
        Instance a = instances.get(0);
        Instance b = instances.get(1);

        redis.stop();
        for (Instance instance : instances) {
            await(instance.name + " degraded", Duration.ofSeconds(15), () -> {
                try {
                    String health = instance.health();
                    return health.startsWith("{\"status\":\"degraded\"") && health.contains("\"redis\":{\"status\":\"degraded\","
                            + "\"detail\":\"redis unreachable: ");
                } catch (IOException | InterruptedException e) {
                    return false;
                }
            });
        }
        assertThat(a.health()).contains("retrying");
        // Serving goes on, limited in-process.
        Account user = register(a, "away");
        assertThat(a.post("/api/v1/debates", "{\"task\":\"Still serving?\",\"agents\":\"demo-supportive,demo-critical\",\"rounds\":1}",
                user.accessToken).statusCode()).isEqualTo(201);
        assertThat(a.get("/api/system/rate-limits", ADMIN_TOKEN).body()).contains("\"shared\":false");

        redis.restart();
        for (Instance instance : instances) {
            await(instance.name + " healthy again", Duration.ofSeconds(20), () -> healthy(instance));
        }
        assertThat(a.health()).startsWith("{\"status\":\"healthy\"");
        double heard = b.received();
        assertThat(a.post("/api/v1/cache/invalidate/all", null, ADMIN_TOKEN).statusCode()).isEqualTo(200);
        await("b hears a's invalidation after the restart", Duration.ofSeconds(5), () -> {
            try {
                return b.received() > heard;
            } catch (IOException | InterruptedException e) {
                return false;
            }
        });
        assertThat(b.log()).contains("reachable again").doesNotContain("Exception in thread");
    }

    @Test
    void knowledgeSearchesAreSharedAcrossInstancesAndAWriteOnAnyDropsThem() throws Exception {
        // the shared cache on a Redis database of its own (db 1 of the same server)
        List<Instance> instances = cluster(2, FEATURES + ",knowledge",
                url -> Map.of("KNOWLEDGE_MOUND_REDIS_URL", url.substring(0, url.lastIndexOf('/')) + "/1"));
        Instance a = instances.get(0);
        Instance b = instances.get(1);
        Account user = register(a, "knowledge");
        String search = "/api/v1/knowledge/search?q=canary%20rollout";
        HttpResponse<String> added = a.post("/api/knowledge/mound/nodes",
                "{\"content\":\"Canary rollout caught the billing regression\",\"node_type\":\"fact\"}", user.accessToken);
        assertThat(added.statusCode()).as(added.body()).isEqualTo(200);

        assertThat(a.get(search, user.accessToken).body()).contains("caught the billing regression");
        assertThat(sharedLookups(a, "miss")).isGreaterThanOrEqualTo(1);
        assertThat(b.get(search, user.accessToken).body()).contains("caught the billing regression");
        assertThat(sharedLookups(b, "hit")).as("B found what A searched").isEqualTo(1);
        assertThat(b.get("/api/health/knowledge-mound", user.accessToken).body())
                .contains("searches shared with every instance on Redis (KNOWLEDGE_MOUND_REDIS_URL)");

        HttpResponse<String> more = b.post("/api/knowledge/mound/nodes",
                "{\"content\":\"A canary rollout needs a rollback switch\",\"node_type\":\"fact\"}", user.accessToken);
        assertThat(more.statusCode()).as(more.body()).isEqualTo(200);
        await("B's write reaches A's searches", Duration.ofSeconds(5), () -> {
            try {
                return a.get(search, user.accessToken).body().contains("needs a rollback switch");
            } catch (IOException | InterruptedException e) {
                return false;
            }
        });
    }

    private static double sharedLookups(Instance instance, String result) throws IOException, InterruptedException {
        Matcher m = Pattern.compile("(?m)^aragora_shared_cache_lookups_total\\{purpose=\"knowledge-mound\",result=\"" + result
                + "\",?\\} (\\S+)").matcher(instance.get("/api/metrics", ADMIN_TOKEN).body());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private record Account(String accessToken, String orgId) {
    }

    private static Account register(Instance on, String name) throws IOException, InterruptedException {
        String email = name + "-" + System.nanoTime() + "@example.test";
        HttpResponse<String> r = on.post("/api/v1/auth/register", "{\"email\":\"" + email + "\",\"password\":\"correct horse battery staple\"}",
                null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return new Account(text(r.body(), "access_token"), text(r.body(), "org_id"));
    }

    private static String text(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new AssertionError("no \"" + field + "\" in " + json);
        }
        return m.group(1);
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + timeout.toSeconds() + " s for " + what);
            }
            Thread.sleep(50);
        }
    }
}
