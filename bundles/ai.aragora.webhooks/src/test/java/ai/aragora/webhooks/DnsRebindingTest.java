package ai.aragora.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import ai.aragora.webhooks.client.PinnedHttpClient;
import ai.aragora.webhooks.http.HttpSink;
import ai.aragora.webhooks.outbound.AllowedHosts;
import ai.aragora.webhooks.outbound.OutboundRules;
import ai.aragora.webhooks.outbox.Delivery;
import ai.aragora.webhooks.outbox.DeliveryState;
import ai.aragora.webhooks.store.Subscription;

/**
 * A name whose resolver answers an allowed address when the destination is checked and a
 * forbidden one on the next lookup (DNS rebinding): the delivery goes to the address that was
 * checked, under the name, through the real manager and HTTP sink, and never to the other.
 */
class DnsRebindingTest {

    @TempDir
    Path dir;

    private static HttpServer receiver(String address, int port, List<String> hosts) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 0);
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            hosts.add(exchange.getRequestHeaders().getFirst("Host"));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    @Test
    void theCheckedAddressIsTheOneConnectedToNotASecondLookup() throws Exception {
        List<String> checked = new CopyOnWriteArrayList<>();
        List<String> rebound = new CopyOnWriteArrayList<>();
        HttpServer good = receiver("127.0.0.1", 0, checked);
        int port = good.getAddress().getPort();
        // Another loopback address, as 169.254.169.254 or an internal service would be.
        HttpServer internal = receiver("127.0.0.2", port, rebound);
        AtomicInteger lookups = new AtomicInteger();
        OutboundRules rules = new OutboundRules(AllowedHosts.parse("127.0.0.1/32"), false, host -> {
            if (!host.equals("hooks.test")) {
                throw new java.net.UnknownHostException(host);
            }
            return new InetAddress[] {InetAddress.getByName(lookups.incrementAndGet() == 1 ? "127.0.0.1" : "127.0.0.2")};
        });
        PinnedHttpClient client = new PinnedHttpClient(SSLContext.getDefault(), Duration.ofSeconds(5));
        HttpSink sink = new HttpSink(client, 4096, Clock.systemUTC());
        try (Managed m = new Managed(dir, rules, "")) {
            m.manager.setEncryption(new TestEncryption());
            m.sink("http", sink);
            Instant now = Instant.now();
            String id = "wh_rebind";
            m.manager.subscriptions().create(new Subscription(id, "org-a", "http://hooks.test:" + port + "/hook", "http",
                    List.of(), null, Map.of(), List.of(m.manager.secrets().seal(id, "whsec_c2Vjb25kLXNlY3JldC1vZi0yNC1ieXRlcyE=", now)),
                    true, false, null, now, now, null));

            Delivery first = Delivery.pending(id, "org-a", null, "http", "webhook.test", now, Map.of("n", 1), now);
            m.manager.enqueue(List.of(first));
            DeliveryStateMachineTest.waitFor(() -> m.manager.deliveries().find("org-a", first.id()).orElseThrow().state()
                    == DeliveryState.DELIVERED, Duration.ofSeconds(30));
            assertThat(checked).as("sent to the address checked, under the name").containsExactly("hooks.test:" + port);
            assertThat(lookups.get()).as("one lookup, the policy's: the sink never resolved the name").isEqualTo(1);

            // The next attempt's check sees the new answer and refuses it: still nothing reaches 127.0.0.2.
            Delivery second = Delivery.pending(id, "org-a", null, "http", "webhook.test", now, Map.of("n", 2), now);
            m.manager.enqueue(List.of(second));
            DeliveryStateMachineTest.waitFor(() -> m.manager.deliveries().find("org-a", second.id()).orElseThrow()
                    .lastError() != null, Duration.ofSeconds(30));
            assertThat(m.manager.deliveries().find("org-a", second.id()).orElseThrow().lastError())
                    .contains("refused").contains("loopback");
            assertThat(rebound).as("the rebound address never got a request").isEmpty();
            assertThat(checked).hasSize(1);
        } finally {
            client.close();
            good.stop(0);
            internal.stop(0);
        }
    }
}
