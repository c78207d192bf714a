package ai.aragora.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.aragora.api.webhook.SinkRequest;
import ai.aragora.api.webhook.SinkResponse;
import ai.aragora.api.webhook.WebhookSink;
import ai.aragora.webhooks.outbound.AllowedHosts;
import ai.aragora.webhooks.outbound.OutboundRules;
import ai.aragora.webhooks.outbox.Delivery;
import ai.aragora.webhooks.outbox.DeliveryState;
import ai.aragora.webhooks.store.Subscription;

/**
 * A sink bundle replaced while deliveries flow, as DS unbinds the old service and binds the new:
 * deliveries in flight finish, those not sent yet wait while no sink runs, and every delivery
 * reaches the receiver exactly once (no failures, so no retries).
 */
class SinkSwapTest {

    @TempDir
    Path dir;

    /** Answers 200 a few milliseconds later, off the caller's thread, like a network call. */
    static final class LoopbackSink implements WebhookSink {
        final ConcurrentLinkedQueue<String> received = new ConcurrentLinkedQueue<>();

        @Override
        public CompletionStage<SinkResponse> send(SinkRequest request) {
            return CompletableFuture.supplyAsync(() -> {
                received.add(request.deliveryId());
                return new SinkResponse(200, null, "ok");
            }, CompletableFuture.delayedExecutor(3, TimeUnit.MILLISECONDS));
        }
    }

    @Test
    void swappingTheSinkBundleMidFlowLosesNoneAndSendsNoneTwice() throws Exception {
        OutboundRules rules = new OutboundRules(AllowedHosts.parse("127.0.0.1"), false, InetAddress::getAllByName);
        try (Managed m = new Managed(dir, rules, "")) {
            m.manager.setEncryption(new TestEncryption());
            LoopbackSink v1 = new LoopbackSink();
            m.sink("http", v1);
            Instant now = Instant.now();
            String id = "wh_swap";
            Subscription s = new Subscription(id, "org-a", "http://127.0.0.1:9/hook", "http", List.of(), null, Map.of(),
                    List.of(m.manager.secrets().seal(id, "whsec_c2Vjb25kLXNlY3JldC1vZi0yNC1ieXRlcyE=", now)), true, false,
                    null, now, now, null);
            m.manager.subscriptions().create(s);
            List<Delivery> all = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                all.add(Delivery.pending(id, "org-a", null, "http", "webhook.test", now, Map.of("n", i), now));
            }
            m.manager.enqueue(all);

            DeliveryStateMachineTest.waitFor(() -> v1.received.size() >= 500, Duration.ofSeconds(60));
            m.unsink("http", v1);
            int sentByV1 = v1.received.size();
            Thread.sleep(300);
            Map<DeliveryState, Long> waiting = m.manager.deliveries().counts(id);
            // in flight at the removal, and claims that had looked the sink up just before it: one slot each at most
            assertThat(v1.received.size() - sentByV1).as("only attempts already under way finish").isLessThanOrEqualTo(2 * Managed.PER_ENDPOINT);
            assertThat(waiting.get(DeliveryState.PENDING)).as("the rest waits for a sink").isPositive();

            LoopbackSink v2 = new LoopbackSink();
            m.sink("http", v2);
            // correctness, not speed: a loaded machine may take a while for 3,000
            DeliveryStateMachineTest.waitFor(() -> m.manager.deliveries().counts(id).get(DeliveryState.DELIVERED) == 3000,
                    Duration.ofSeconds(120));

            List<String> received = new ArrayList<>(v1.received);
            received.addAll(v2.received);
            Set<String> distinct = new HashSet<>(received);
            assertThat(distinct).containsExactlyInAnyOrderElementsOf(all.stream().map(Delivery::id).toList());
            assertThat(received).as("none sent twice").hasSize(3000);
            assertThat(v2.received).isNotEmpty();
        }
    }
}
