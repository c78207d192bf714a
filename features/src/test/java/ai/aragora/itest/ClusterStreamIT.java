package ai.aragora.itest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import ai.aragora.itest.support.TestDatabase;

/**
 * Two server processes on one PostgreSQL database and one Redis: a WebSocket client connected to
 * instance B follows a debate created on instance A, every event in {@code seq} order, once; and
 * still ends with every event when Redis is restarted while the debate runs.
 */
class ClusterStreamIT {

    private static final Pattern TYPE = Pattern.compile("\"type\":\"([a-z_]+)\"");
    private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");
    private static final Pattern DEBATE = Pattern.compile("\"(?:loop_id|debate_id)\":\"([^\"]+)\"");
    private static final Pattern STATUS = Pattern.compile("\"status\":\"([a-z_]+)\"");
    private static final Duration WAIT = Duration.ofSeconds(180);

    private final List<Process> started = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String token = "it-" + UUID.randomUUID();

    @AfterEach
    void stopWhatWeStarted() throws InterruptedException {
        Distribution.stopAll(started);
    }

    @Test
    void aClientOnBReceivesADebateCreatedOnAWholeInOrderOnce() throws Exception {
        int redisPort = Distribution.freePort();
        startRedis(redisPort);
        String db = TestDatabase.create();
        Server a = new Server(db, redisPort, 20);
        // one after the other: two first starts on an empty database race to create its schema
        a.awaitReady();
        Server b = new Server(db, redisPort, 20);
        b.awaitReady();

        Client watcher = b.connect("{\"type\":\"subscribe\",\"scope\":\"org\"}");
        String id = a.createDebate();
        Client byId = b.connect("{\"type\":\"subscribe\",\"debate_id\":\"" + id + "\"}");

        await("the debate's end on B", () -> watcher.ended(id) && byId.ended(id));
        List<Long> stored = a.storedSeqs(id);
        assertThat(stored).isNotEmpty();
        assertThat(watcher.seqs(id)).as("every event, in order, once").isEqualTo(stored);
        List<Long> afterSync = byId.seqs(id);
        assertThat(afterSync).as("the events after the sync, in order, once")
                .isEqualTo(stored.subList(stored.size() - afterSync.size(), stored.size()));
        assertThat(byId.sawSync()).isTrue();
    }

    @Test
    void aRedisRestartMidStreamLosesTheClientNoEvent() throws Exception {
        int redisPort = Distribution.freePort();
        Process redis = startRedis(redisPort);
        String db = TestDatabase.create();
        Server a = new Server(db, redisPort, 150);
        // one after the other: two first starts on an empty database race to create its schema
        a.awaitReady();
        Server b = new Server(db, redisPort, 150);
        b.awaitReady();

        Client watcher = b.connect("{\"type\":\"subscribe\",\"scope\":\"org\"}");
        String id = a.createDebate();
        Client byId = b.connect("{\"type\":\"subscribe\",\"debate_id\":\"" + id + "\"}");
        await("the first events on B", () -> watcher.seqs(id).size() >= 2);

        redis.destroy();
        assertThat(redis.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(1500);
        startRedis(redisPort);

        await("the debate's end on B", () -> watcher.ended(id) && byId.ended(id));
        List<Long> stored = a.storedSeqs(id);
        assertThat(watcher.seqs(id)).as("every event, in order, once").isEqualTo(stored);
        assertThat(byId.seqs(id)).as("in order, once, to the end")
                .isEqualTo(stored.subList(stored.size() - byId.seqs(id).size(), stored.size()));
        assertThat(byId.syncs()).as("the subscription's sync, and the one after the broker came back").isGreaterThanOrEqualTo(2);
    }

    @Test
    void anOrgSubscriberOnBGetsADebateThatStartedAndEndedOnAWhileRedisWasAway() throws Exception {
        int redisPort = Distribution.freePort();
        Process redis = startRedis(redisPort);
        String db = TestDatabase.create();
        Server a = new Server(db, redisPort, 20);
        // one after the other: two first starts on an empty database race to create its schema
        a.awaitReady();
        Server b = new Server(db, redisPort, 20);
        b.awaitReady();
        Client watcher = b.connect("{\"type\":\"subscribe\",\"scope\":\"org\"}");

        redis.destroy();
        assertThat(redis.waitFor(30, TimeUnit.SECONDS)).isTrue();
        await("both instances to see Redis gone", () -> a.redisAway() && b.redisAway());
        String id = a.createDebate();
        await("the debate's end on A", () -> a.finished(id));
        assertThat(watcher.seqs(id)).as("nothing crossed while Redis was away").isEmpty();
        startRedis(redisPort);

        await("the debate on B after Redis came back", () -> watcher.ended(id) && watcher.syncOf(id) >= 0);
        List<Long> stored = a.storedSeqs(id);
        assertThat(stored).isNotEmpty();
        assertThat(watcher.seqs(id)).as("every event, in order, once").isEqualTo(stored);
        assertThat(watcher.syncOf(id)).as("its sync comes after its events").isGreaterThan(watcher.lastEventOf(id));
    }

    /** The first match's group in a message; the event's own fields come before its data. */
    private static String first(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    /** The last match's group: an event's seq and debate come after its data. */
    private static String last(Pattern p, String text) {
        Matcher m = p.matcher(text);
        String found = null;
        while (m.find()) {
            found = m.group(1);
        }
        return found;
    }

    private Process startRedis(int port) throws IOException, InterruptedException {
        Path dir = Distribution.newDataDir("redis");
        Process p = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no", "--dir", dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        started.add(p);
        await("redis on " + port, () -> listening(port));
        return p;
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("waited " + WAIT.toSeconds() + " s for " + what);
    }

    /** One instance: its own data dir and ports, the shared database and Redis. */
    private final class Server {
        final Path data;
        final int port;
        final int wsPort;
        final Process process;

        Server(String databaseUrl, int redisPort, int latencyMillis) throws IOException {
            data = Distribution.newDataDir("cluster-stream");
            port = Distribution.freePort();
            wsPort = Distribution.freePort();
            process = Distribution.aragora(data, Map.of("ARAGORA_FEATURES", "core,http,sqlite,demo", "ARAGORA_STORAGE_MODE", "postgres",
                    "DATABASE_URL", databaseUrl, "ARAGORA_REDIS_URL", "redis://127.0.0.1:" + redisPort, "ARAGORA_API_TOKEN", token,
                    "ARAGORA_DEMO_LATENCY_MS", String.valueOf(latencyMillis)),
                    "serve", "--api-port", String.valueOf(port), "--ws-port", String.valueOf(wsPort))
                    .redirectErrorStream(true).redirectOutput(data.resolve("out.log").toFile()).start();
            started.add(process);
        }

        void awaitReady() throws InterruptedException {
            try {
                await("instance on " + port, () -> status("/readyz") == 200);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; log:\n" + log(), e);
            }
        }

        String createDebate() throws Exception {
            HttpResponse<String> r = http.send(request("/api/v1/debates").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"task\":\"Should we shard the event stream?\",\"rounds\":2}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isBetween(200, 201);
            return last(DEBATE, r.body());
        }

        /** The debate's events as this instance's store has them. */
        List<Long> storedSeqs(String id) throws Exception {
            List<Long> seqs = new ArrayList<>();
            long since = 0;
            while (true) {
                HttpResponse<String> r = http.send(request("/api/v1/debates/" + id + "/events?since=" + since + "&limit=100").build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                Matcher m = SEQ.matcher(r.body());
                int before = seqs.size();
                while (m.find()) {
                    since = Long.parseLong(m.group(1));
                    seqs.add(since);
                }
                if (seqs.size() == before) {
                    return seqs;
                }
            }
        }

        Client connect(String subscription) throws Exception {
            Client client = new Client();
            WebSocket socket = http.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                    .buildAsync(URI.create("ws://127.0.0.1:" + wsPort + "/"), client).get(30, TimeUnit.SECONDS);
            socket.sendText(subscription, true);
            await("the subscription", () -> client.messages.stream().anyMatch(m -> "subscribed".equals(first(TYPE, m))));
            return client;
        }

        /** Whether the debate is final in this instance's store. */
        boolean finished(String id) {
            try {
                HttpResponse<String> r = http.send(request("/api/v1/debates/" + id).build(), HttpResponse.BodyHandlers.ofString());
                String status = r.statusCode() == 200 ? first(STATUS, r.body()) : null;
                return status != null && !List.of("created", "running").contains(status);
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        /** Whether the instance says Redis is unreachable: its subscriber noticed, its publisher drops. */
        boolean redisAway() {
            try {
                HttpResponse<String> r = http.send(request("/api/v1/health").build(), HttpResponse.BodyHandlers.ofString());
                return r.body().contains("redis unreachable");
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        private HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20))
                    .header("Authorization", "Bearer " + token);
        }

        private int status(String path) {
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                return -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }

        String log() {
            try {
                return Files.readString(data.resolve("out.log"), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(no log: " + e + ")";
            }
        }
    }

    /** Everything one WebSocket client received, in order. */
    private static final class Client implements WebSocket.Listener {
        final List<String> messages = new CopyOnWriteArrayList<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }

        List<Long> seqs(String debateId) {
            return messages.stream().filter(m -> last(SEQ, m) != null && debateId.equals(last(DEBATE, m)))
                    .map(m -> Long.parseLong(last(SEQ, m))).toList();
        }

        /** The end arrived as an event, or the debate had ended when the client subscribed. */
        boolean ended(String debateId) {
            return messages.stream().anyMatch(m -> debateId.equals(last(DEBATE, m)) && ("debate_end".equals(first(TYPE, m))
                    || "sync".equals(first(TYPE, m)) && !List.of("created", "running").contains(first(STATUS, m))));
        }

        /** The index of the last sync of the debate among the messages, -1 for none. */
        int syncOf(String debateId) {
            return lastIndex(m -> "sync".equals(first(TYPE, m)) && debateId.equals(first(DEBATE, m)));
        }

        /** The index of the debate's last event among the messages, -1 for none. */
        int lastEventOf(String debateId) {
            return lastIndex(m -> last(SEQ, m) != null && debateId.equals(last(DEBATE, m)) && !"sync".equals(first(TYPE, m)));
        }

        private int lastIndex(java.util.function.Predicate<String> which) {
            List<String> all = List.copyOf(messages);
            for (int i = all.size() - 1; i >= 0; i--) {
                if (which.test(all.get(i))) {
                    return i;
                }
            }
            return -1;
        }

        boolean sawSync() {
            return syncs() > 0;
        }

        long syncs() {
            return messages.stream().filter(m -> "sync".equals(first(TYPE, m))).count();
        }
    }
}
