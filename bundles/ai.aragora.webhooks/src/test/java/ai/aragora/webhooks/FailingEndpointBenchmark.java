package ai.aragora.webhooks;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpServer;

import ai.aragora.api.event.DebateEvent;
import ai.aragora.api.event.EventType;
import ai.aragora.api.debate.Message;
import ai.aragora.storage.jdbc.Fixtures;
import ai.aragora.storage.jdbc.Store;
import ai.aragora.storage.jdbc.store.JdbcDebateStore;
import ai.aragora.webhooks.client.PinnedHttpClient;
import ai.aragora.webhooks.http.HttpSink;
import ai.aragora.webhooks.outbound.AllowedHosts;
import ai.aragora.webhooks.outbound.OutboundRules;
import ai.aragora.webhooks.outbox.DeliveryState;
import ai.aragora.webhooks.store.Subscription;

/**
 * The debate write path with webhooks on and one endpoint failing. Debates run as the engine
 * writes them (its event pattern, phases of {@code latency} ms, each phase's write submitted at
 * once and awaited before the next, the end awaited) through the SQLite store whose triggers fill
 * the outbox, while the real manager and HTTP sink deliver every announced event to a healthy
 * loopback receiver and to a failing one: answering only 500s, or accepting and never answering.
 * Runs with no subscription, then the healthy endpoint alone, then beside each failing one, and
 * prints each run's overhead over the critical path (phases x latency), the healthy endpoint's
 * event-to-receiver times and what became of the failing endpoint's deliveries. The engine itself
 * is not in it: {@code aragora benchmark} measures the engine; this measures what webhooks add to
 * what the engine waits on (the store's commits and the machine's CPU). The manager runs with the
 * tests' settings ({@link Managed}: 5 s timeout, retries from 50 ms up to 1 s, 5 of them, and a
 * breaker that does not open), harsher than the defaults: the failing endpoint is tried all along.
 * {@code -Ddebates=4000 -Dconcurrent=1000 -Dlatency.ms=500} are the size (the defaults
 * are a smoke run: 200 debates, 100 at once).
 */
public final class FailingEndpointBenchmark {

    private static final int ROUNDS = 3;
    private static final int AGENTS = 3;
    /** Proposals, the baseline vote, then per round critiques and votes, and a revision after the first. */
    private static final int PHASES = 2 + ROUNDS * 2 + (ROUNDS - 1);

    private FailingEndpointBenchmark() {
    }

    private record Result(double debatesPerSecond, double meanOverhead, double p99Overhead) {
    }

    public static void main(String[] args) throws Exception {
        int debates = Integer.getInteger("debates", 200);
        int concurrent = Integer.getInteger("concurrent", 100);
        int latency = Integer.getInteger("latency.ms", 500);
        Map<String, Long> arrivals = new ConcurrentHashMap<>();
        HttpServer healthy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        healthy.setExecutor(Executors.newFixedThreadPool(4));
        healthy.createContext("/hook", exchange -> {
            long at = System.currentTimeMillis();
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            arrivals.putIfAbsent(exchange.getRequestHeaders().getFirst("X-Aragora-Delivery"), at);
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        healthy.start();
        HttpServer failing = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        failing.setExecutor(Executors.newFixedThreadPool(2));
        failing.createContext("/hook", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        failing.start();
        // Accepts connections and reads nothing back: every attempt runs into its timeout.
        ServerSocket silent = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
        List<Socket> held = new CopyOnWriteArrayList<>();
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    held.add(silent.accept());
                }
            } catch (java.io.IOException closed) {
                // done
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();

        // Endpoints are hosts (slots and breakers are per host): three names, all resolving to loopback.
        OutboundRules rules = new OutboundRules(AllowedHosts.parse("127.0.0.1/32"), false,
                host -> new InetAddress[] {InetAddress.getLoopbackAddress()});
        String healthyUrl = "http://healthy.test:" + healthy.getAddress().getPort() + "/hook";
        List<String[]> runs = List.of(new String[] {"warm-up (not counted)"}, new String[] {"webhooks off (no subscription)"},
                new String[] {"one healthy endpoint", healthyUrl},
                new String[] {"healthy + one answering 500", healthyUrl, "http://failing.test:" + failing.getAddress().getPort() + "/hook"},
                new String[] {"healthy + one timing out", healthyUrl, "http://silent.test:" + silent.getLocalPort() + "/hook"});
        System.out.printf("%d debates, %d at once, %d phases of %d ms (critical path %.1f s), %d agents%n", debates, concurrent,
                PHASES, latency, PHASES * latency / 1000.0, AGENTS);
        try {
            for (String[] run : runs) {
                arrivals.clear();
                Path dir = Files.createTempDirectory("aragora-bench-failing");
                PinnedHttpClient client = new PinnedHttpClient(SSLContext.getDefault(), Duration.ofSeconds(10));
                HttpSink sink = new HttpSink(client, 4096, Clock.systemUTC());
                try (Managed m = new Managed(dir, rules, "")) {
                    m.manager.setEncryption(new TestEncryption());
                    m.sink("http", sink);
                    Instant now = Instant.now();
                    List<String> ids = new ArrayList<>();
                    for (int i = 1; i < run.length; i++) {
                        String id = "wh_bench_" + i;
                        m.manager.subscriptions().create(new Subscription(id, "org-bench", run[i], "http", List.of(), null,
                                Map.of(), List.of(m.manager.secrets().seal(id, "whsec_c2Vjb25kLXNlY3JldC1vZi0yNC1ieXRlcyE=", now)),
                                true, false, null, now, now, null));
                        ids.add(id);
                    }
                    Result r = debates(m, debates, concurrent, latency);
                    System.out.printf("%-32s %,.0f debates/s, overhead mean %+.2f %%, p99 %+.2f %%%n", run[0], r.debatesPerSecond(),
                            r.meanOverhead(), r.p99Overhead());
                    if (!ids.isEmpty()) {
                        // The healthy endpoint's backlog, if any, drains after the debates end (the last
                        // events are fanned out within a dispatcher tick).
                        Thread.sleep(1100);
                        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                        while (System.nanoTime() < deadline && waiting(m, ids.get(0)) > 0) {
                            Thread.sleep(50);
                        }
                        long[] latencies = m.manager.deliveries().list(ids.get(0), null, 0, Integer.MAX_VALUE).stream()
                                .filter(d -> arrivals.containsKey(d.id()))
                                .mapToLong(d -> arrivals.get(d.id()) - d.createdAt().toEpochMilli()).sorted().toArray();
                        System.out.printf("  healthy endpoint: %s; event to receiver p50 %d ms, p99 %d ms (%,d arrived)%n",
                                m.manager.deliveries().counts(ids.get(0)), pct(latencies, 0.5), pct(latencies, 0.99),
                                latencies.length);
                    }
                    if (ids.size() > 1) {
                        Map<DeliveryState, Long> counts = m.manager.deliveries().counts(ids.get(1));
                        System.out.printf("  failing endpoint: %s%n", counts);
                    }
                } finally {
                    client.close();
                    try (var files = Files.walk(dir)) {
                        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                    }
                }
            }
        } finally {
            healthy.stop(0);
            failing.stop(0);
            silent.close();
            System.exit(0);
        }
    }

    private static long waiting(Managed m, String subscription) {
        Map<DeliveryState, Long> counts = m.manager.deliveries().counts(subscription);
        return counts.get(DeliveryState.PENDING) + counts.get(DeliveryState.RETRYING) + counts.get(DeliveryState.IN_PROGRESS);
    }

    /** Runs the debates, {@code concurrent} at a time, on a scheduler: no thread waits out a phase. */
    private static Result debates(Managed m, int debates, int concurrent, int latency) throws InterruptedException {
        JdbcDebateStore store = JdbcDebateStore.on(m.backend.database(Store.ARAGORA));
        // As the doorbell does when the engine announces a durable event.
        Runnable doorbell = m.manager::wake;
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
        Semaphore slots = new Semaphore(concurrent);
        long[] took = new long[debates];
        AtomicLong failures = new AtomicLong();
        long t0 = System.nanoTime();
        for (int i = 0; i < debates; i++) {
            slots.acquire();
            int n = i;
            String id = "bench-" + i;
            long started = System.nanoTime();
            store.create(Fixtures.debate(id, "org-bench", Instant.now())).toCompletableFuture()
                    .thenCompose(v -> store.append(id, List.of(), List.of(event(id, 1, EventType.DEBATE_START, 0))))
                    .thenRun(doorbell)
                    .thenCompose(v -> phase(store, timer, doorbell, id, 1, latency))
                    .whenComplete((v, thrown) -> {
                        if (thrown != null) {
                            failures.incrementAndGet();
                        }
                        took[n] = System.nanoTime() - started;
                        slots.release();
                    });
        }
        slots.acquire(concurrent);
        double seconds = (System.nanoTime() - t0) / 1e9;
        timer.shutdownNow();
        if (failures.get() > 0) {
            System.out.printf("  %d debates failed to store%n", failures.get());
        }
        double critical = PHASES * latency * 1e6;
        double[] overhead = Arrays.stream(took).mapToDouble(t -> (t / critical - 1) * 100).sorted().toArray();
        return new Result(debates / seconds, Arrays.stream(overhead).average().orElse(0),
                overhead[Math.min(overhead.length - 1, (int) Math.ceil(0.99 * overhead.length) - 1)]);
    }

    /**
     * Phase {@code p}: its agents' answers come {@code latency} later; its write is submitted then
     * and the next phase starts at once, its write waiting for this one (the engine keeps at most
     * one write queued); the last phase's write, the end, is awaited.
     */
    private static CompletableFuture<Void> phase(JdbcDebateStore store, ScheduledExecutorService timer, Runnable doorbell,
            String id, int p, int latency) {
        CompletableFuture<Void> answered = new CompletableFuture<>();
        timer.schedule(() -> answered.complete(null), latency, TimeUnit.MILLISECONDS);
        return answered.thenCompose(v -> {
            long seq = 2 + (long) (p - 1) * (AGENTS + 1);
            int round = Math.max(1, (p - 1) / 2);
            List<Message> messages = new ArrayList<>();
            List<DebateEvent> events = new ArrayList<>();
            events.add(event(id, seq, p == PHASES ? EventType.CONSENSUS : EventType.ROUND_START, round));
            for (int a = 0; a < AGENTS; a++) {
                int index = (p - 1) * AGENTS + a;
                messages.add(new Message(index, "proposer", "demo-" + a, "x".repeat(600), round, Instant.now()));
                events.add(new DebateEvent(id, seq + 1 + a, EventType.AGENT_MESSAGE, Instant.now(), round, "demo-" + a,
                        Map.of("message_index", index)));
            }
            CompletableFuture<Void> written = store.append(id, messages, events).toCompletableFuture().thenRun(doorbell);
            if (p < PHASES) {
                CompletableFuture<Void> next = phase(store, timer, doorbell, id, p + 1, latency);
                return written.thenCombine(next, (a, b) -> null);
            }
            long end = seq + AGENTS + 1;
            return written.thenCompose(w -> store.complete(Fixtures.result(id, "org-bench", Instant.now()), List.of(),
                    List.of(event(id, end, EventType.DEBATE_END, round))).toCompletableFuture().thenRun(doorbell));
        });
    }

    private static DebateEvent event(String id, long seq, EventType type, int round) {
        return new DebateEvent(id, seq, type, Instant.now(), round, null, Map.of("round", round));
    }

    private static long pct(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }
}
