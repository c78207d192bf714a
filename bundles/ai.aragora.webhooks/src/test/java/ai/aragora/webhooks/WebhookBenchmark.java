package ai.aragora.webhooks;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import ai.aragora.api.debate.DebateSpec;
import ai.aragora.api.debate.DebateStatus;
import ai.aragora.api.event.DebateEvent;
import ai.aragora.api.event.EventType;
import ai.aragora.api.storage.DebateRecord;
import ai.aragora.storage.jdbc.Store;
import ai.aragora.storage.jdbc.store.JdbcDebateStore;
import ai.aragora.webhooks.client.PinnedHttpClient;
import ai.aragora.webhooks.http.HttpSink;
import ai.aragora.webhooks.outbound.AllowedHosts;
import ai.aragora.webhooks.outbound.OutboundRules;
import ai.aragora.webhooks.outbox.Delivery;
import ai.aragora.webhooks.store.Subscription;

/**
 * Deliveries per second through the durable outbox on SQLite and the real HTTP sink to a loopback
 * receiver; then the time from an event's commit to its arrival at the receiver, with events
 * stored at 200 per second through the debate store (its trigger records them for webhooks).
 * {@code ./mvnw -q -o -pl bundles/ai.aragora.webhooks -am verify -Pbenchmark -DskipTests}
 */
public final class WebhookBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    private WebhookBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int burst = Integer.getInteger("burst", 20_000);
        int rate = Integer.getInteger("rate", 200);
        int seconds = Integer.getInteger("seconds", 30);
        Map<String, Long> arrivals = new ConcurrentHashMap<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        receiver.setExecutor(Executors.newFixedThreadPool(8));
        receiver.createContext("/hook", exchange -> {
            long at = System.nanoTime();
            try (InputStream in = exchange.getRequestBody()) {
                arrivals.putIfAbsent((String) JSON.readValue(in, Map.class).get("delivery_id"), at);
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        Path dir = Files.createTempDirectory("aragora-bench-webhooks");
        OutboundRules rules = new OutboundRules(AllowedHosts.parse("127.0.0.1"), false, InetAddress::getAllByName);
        try (Managed m = new Managed(dir, rules, "")) {
            m.manager.setEncryption(new TestEncryption());
            m.sink("http", new HttpSink(new PinnedHttpClient(SSLContext.getDefault(), Duration.ofSeconds(10)), 4096, Clock.systemUTC()));
            Instant now = Instant.now();
            Subscription s = new Subscription("wh_bench", "org-bench", url, "http", List.of(), null, Map.of(),
                    List.of(m.manager.secrets().seal("wh_bench", "whsec_c2Vjb25kLXNlY3JldC1vZi0yNC1ieXRlcyE=", now)), true,
                    false, null, now, now, null);
            m.manager.subscriptions().create(s);

            List<Delivery> pending = new ArrayList<>(burst);
            for (int i = 0; i < burst; i++) {
                pending.add(Delivery.pending(s.id(), s.orgId(), null, "http", "debate.completed", now,
                        Map.of("debate_id", "d-" + i, "verdict", "approved", "confidence", 0.85), now));
            }
            m.manager.enqueue(pending);
            long start = System.nanoTime();
            while (arrivals.size() < burst) {
                Thread.sleep(5);
            }
            double took = (System.nanoTime() - start) / 1e9;
            System.out.printf("burst: %,d deliveries in %.2f s = %,.0f deliveries/s (outbox on SQLite, one loopback endpoint)%n",
                    burst, took, burst / took);
            arrivals.clear();

            JdbcDebateStore debates = JdbcDebateStore.on(m.backend.database(Store.ARAGORA));
            debates.create(new DebateRecord("d-bench", DebateSpec.builder("bench").orgId("org-bench").build(), "bench",
                    DebateStatus.RUNNING, 0, false, now, now)).toCompletableFuture().join();
            int events = rate * seconds;
            long[] committed = new long[events];
            long period = 1_000_000_000L / rate;
            long t0 = System.nanoTime();
            for (int i = 0; i < events; i++) {
                long due = t0 + i * period;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                int n = i;
                DebateEvent e = new DebateEvent("d-bench", i + 1, EventType.ROUND_START, Instant.now(), i + 2, null,
                        Map.of("rounds", events + 2, "n", n));
                // As the engine does once the event is durable: the listener rings the dispatcher.
                debates.append("d-bench", List.of(), List.of(e)).thenRun(() -> {
                    committed[n] = System.nanoTime();
                    m.manager.wake();
                });
            }
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (arrivals.size() < events && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            // The receiver sees delivery ids; each event's round number says which commit it announces.
            long[] latencies = m.manager.deliveries().list(s.id(), null, 0, Integer.MAX_VALUE).stream()
                    .filter(d -> d.eventType().equals("debate.round_completed") && arrivals.containsKey(d.id()))
                    .mapToLong(d -> {
                        int round = ((Number) ((Map<?, ?>) d.body().get("data")).get("round")).intValue();
                        return arrivals.get(d.id()) - committed[round - 1];
                    }).sorted().toArray();
            System.out.printf("steady: %,d events at %d/s, %,d arrived; event commit to receiver p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    events, rate, latencies.length, pct(latencies, 0.50), pct(latencies, 0.99),
                    latencies.length == 0 ? 0 : latencies[latencies.length - 1] / 1e6);
        } finally {
            receiver.stop(0);
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            System.exit(0);
        }
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
