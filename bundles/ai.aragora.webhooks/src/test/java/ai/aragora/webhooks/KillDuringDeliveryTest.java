package ai.aragora.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import ai.aragora.webhooks.client.PinnedHttpClient;
import ai.aragora.webhooks.http.HttpSink;
import ai.aragora.webhooks.outbound.AllowedHosts;
import ai.aragora.webhooks.outbound.OutboundRules;
import ai.aragora.webhooks.outbox.Delivery;
import ai.aragora.webhooks.store.Subscription;

/**
 * 10,000 deliveries pending, the process sending them killed with SIGKILL part way, a new one
 * started on the same data dir: the receiver, counting distinct delivery ids, gets every one.
 */
class KillDuringDeliveryTest {

    @TempDir
    Path dir;

    @Test
    void afterKill9AndARestartEveryDeliveryArrivesAtLeastOnce() throws Exception {
        int total = 10_000;
        Set<String> distinct = ConcurrentHashMap.newKeySet();
        AtomicInteger arrivals = new AtomicInteger();
        ObjectMapper json = new ObjectMapper();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        receiver.setExecutor(Executors.newFixedThreadPool(4));
        receiver.createContext("/hook", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                distinct.add((String) json.readValue(in, Map.class).get("delivery_id"));
                arrivals.incrementAndGet();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        OutboundRules rules = new OutboundRules(AllowedHosts.parse("127.0.0.1"), false, InetAddress::getAllByName);
        List<String> ids = new ArrayList<>(total);
        try {
            try (Managed setup = new Managed(dir, rules, "")) {
                setup.manager.setEncryption(new TestEncryption());
                Instant now = Instant.now();
                Subscription s = new Subscription("wh_crash", "org-a", "http://127.0.0.1:" + receiver.getAddress().getPort()
                        + "/hook", "http", List.of(), null, Map.of(), List.of(setup.manager.secrets().seal("wh_crash",
                                "whsec_c2Vjb25kLXNlY3JldC1vZi0yNC1ieXRlcyE=", now)), true, false, null, now, now, null);
                setup.manager.subscriptions().create(s);
                List<Delivery> pending = new ArrayList<>(total);
                for (int i = 0; i < total; i++) {
                    Delivery d = Delivery.pending(s.id(), s.orgId(), null, "http", "debate.completed", now, Map.of("n", i), now);
                    pending.add(d);
                    ids.add(d.id());
                }
                setup.manager.deliveries().insert(pending);
            }

            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    CrashingSender.class.getName(), dir.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                assertThat(out.readLine()).isEqualTo("sending");
                // A second JVM starting on a loaded machine can take a while; the point is to kill it part way.
                DeliveryStateMachineTest.waitFor(() -> distinct.size() >= 2_000, Duration.ofSeconds(90));
            } finally {
                child.destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            int beforeRestart = distinct.size();
            assertThat(beforeRestart).as("killed part way").isLessThan(total);

            try (Managed restarted = new Managed(dir, rules, "")) {
                restarted.manager.setEncryption(new TestEncryption());
                restarted.sink("http", new HttpSink(new PinnedHttpClient(SSLContext.getDefault(), Duration.ofSeconds(10)), 4096, Clock.systemUTC()));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
                while (distinct.size() < total && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
            }
            List<String> missing = ids.stream().filter(id -> !distinct.contains(id)).toList();
            System.out.printf("kill -9 after %d of %d; %d arrivals in all, %d distinct, %d missing%n", beforeRestart, total,
                    arrivals.get(), distinct.size(), missing.size());
            assertThat(missing).as("missing after the restart").isEmpty();
        } finally {
            receiver.stop(0);
        }
    }
}
