package ai.aragora.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.aragora.api.webhook.SinkResponse;
import ai.aragora.webhooks.outbox.Delivery;
import ai.aragora.webhooks.outbox.DeliveryState;
import ai.aragora.webhooks.store.Subscription;

/** Each state transition of a delivery, on the real outbox and a test clock. */
class DeliveryStateMachineTest {

    @TempDir
    Path dir;
    Outbox outbox;
    ScriptedSink sink = new ScriptedSink();

    @BeforeEach
    void open() {
        outbox = new Outbox(dir);
        outbox.sinks.put("http", sink);
    }

    @AfterEach
    void close() {
        outbox.close();
    }

    private Delivery record(Subscription s, String type) {
        Delivery d = Delivery.pending(s.id(), s.orgId(), null, s.sink(), type, outbox.clock.instant(),
                Map.of("debate_id", "d-1"), outbox.clock.instant());
        outbox.deliveries.insert(List.of(d));
        return d;
    }

    private Delivery stored(Delivery d) {
        return outbox.deliveries.find(null, d.id()).orElseThrow();
    }

    @Test
    void aTwoHundredDeliversPendingThroughInProgress() throws Exception {
        Subscription s = outbox.subscribe("org-a", "http://127.0.0.1:9/hook", "http", List.of());
        Delivery d = record(s, "debate.completed");
        assertThat(stored(d).state()).isEqualTo(DeliveryState.PENDING);

        sink.hold = true;
        assertThat(outbox.dispatcher.pass()).isEqualTo(1);
        waitFor(() -> sink.held.size() == 1);
        assertThat(stored(d).state()).isEqualTo(DeliveryState.IN_PROGRESS);
        assertThat(outbox.dispatcher.pass()).as("a claimed delivery is not sent twice").isZero();

        sink.held.get(0).complete(new SinkResponse(204, null, ""));
        waitFor(() -> stored(d).state() == DeliveryState.DELIVERED);
        Delivery done = stored(d);
        assertThat(done.attempts()).isEqualTo(1);
        assertThat(done.lastStatus()).isEqualTo(204);
        assertThat(done.deliveredAt()).isEqualTo(Outbox.T0);
        assertThat(sink.requests.get(0).deliveryId()).isEqualTo(d.id());
        assertThat(sink.requests.get(0).payload()).containsEntry("delivery_id", d.id()).containsEntry("org_id", "org-a")
                .containsEntry("event_type", "debate.completed").containsKey("timestamp").containsKey("data");
    }

    @Test
    void failuresRetryOnTheScheduleThenDeadLetterWithTheLastErrorAndReplay() throws Exception {
        Subscription s = outbox.subscribe("org-a", "http://127.0.0.1:9/hook", "http", List.of());
        for (int i = 0; i < 6; i++) {
            sink.then(new SinkResponse(500, null, "boom " + i));
        }
        Delivery d = record(s, "debate.completed");
        List<Duration> waits = new ArrayList<>();
        for (int attempt = 0; attempt < 6; attempt++) {
            assertThat(outbox.pass()).isEqualTo(1);
            Delivery after = stored(d);
            if (attempt < 5) {
                assertThat(after.state()).isEqualTo(DeliveryState.RETRYING);
                Duration wait = Duration.between(outbox.clock.instant(), after.nextAttempt());
                waits.add(wait);
                outbox.clock.advance(wait.minusMillis(1));
                assertThat(outbox.pass()).as("not before its time").isZero();
                outbox.clock.advance(Duration.ofMillis(1));
                // The breaker opened after five failures: let its cooldown pass so the schedule alone decides.
                outbox.breakers.values().forEach(TestBreaker::reset);
            }
        }
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(8), Duration.ofSeconds(16));
        Delivery dead = stored(d);
        assertThat(dead.state()).isEqualTo(DeliveryState.DEAD_LETTERED);
        assertThat(dead.attempts()).isEqualTo(6);
        assertThat(dead.lastStatus()).isEqualTo(500);
        assertThat(dead.lastError()).isEqualTo("HTTP 500: boom 5");
        assertThat(outbox.deliveries.deadLetters("org-a", 10)).extracting(Delivery::id).containsExactly(d.id());
        assertThat(outbox.deliveries.deadLetters("org-b", 10)).isEmpty();
        assertThat(sink.requests).extracting(r -> r.deliveryId()).containsOnly(d.id()).hasSize(6);

        assertThat(outbox.deliveries.replay("org-b", d.id(), outbox.clock.instant())).as("another org's").isFalse();
        assertThat(outbox.deliveries.replay("org-a", d.id(), outbox.clock.instant())).isTrue();
        assertThat(stored(d).state()).isEqualTo(DeliveryState.PENDING);
        outbox.pass();
        assertThat(stored(d).state()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(sink.requests).hasSize(7);
    }

    @Test
    void theWaitIsCappedAndNeverShorterThanRetryAfter() throws Exception {
        Subscription s = outbox.subscribe("org-a", "http://127.0.0.1:9/hook", "http", List.of());
        sink.then(new SinkResponse(503, Duration.ofSeconds(120), "busy"));
        Delivery d = record(s, "debate.completed");
        outbox.pass();
        assertThat(stored(d).nextAttempt()).isEqualTo(Outbox.T0.plusSeconds(120));
        outbox.clock.advance(Duration.ofSeconds(119));
        assertThat(outbox.pass()).isZero();
        outbox.clock.advance(Duration.ofSeconds(1));
        assertThat(outbox.pass()).isEqualTo(1);
        assertThat(stored(d).state()).isEqualTo(DeliveryState.DELIVERED);

        assertThat(Outbox.SCHEDULE.delay(20, null, 0)).isEqualTo(Duration.ofSeconds(300));
        assertThat(Outbox.SCHEDULE.delay(3, Duration.ofSeconds(2), 0)).isEqualTo(Duration.ofSeconds(8));
        assertThat(new ai.aragora.webhooks.store.RetrySchedule(Duration.ofSeconds(1), Duration.ofSeconds(300), 5, 0.1)
                .delay(2, null, 0.999)).isBetween(Duration.ofSeconds(4), Duration.ofMillis(4400));
    }

    @Test
    void goneDeadLettersAndDisablesTheSubscriptionWhoseOtherDeliveriesWait() throws Exception {
        Subscription s = outbox.subscribe("org-a", "http://127.0.0.1:9/hook", "http", List.of());
        sink.then(new SinkResponse(410, null, "gone"));
        Delivery first = record(s, "debate.completed");
        outbox.pass();
        assertThat(stored(first).state()).isEqualTo(DeliveryState.DEAD_LETTERED);
        assertThat(stored(first).lastError()).contains("410");
        waitFor(() -> !outbox.subscriptions.find("org-a", s.id()).orElseThrow().active());
        assertThat(outbox.subscriptions.find("org-a", s.id()).orElseThrow().disabledReason()).contains("410");

        Delivery second = record(s, "debate.completed");
        assertThat(outbox.pass()).isZero();
        assertThat(stored(second).state()).isEqualTo(DeliveryState.PENDING);
    }

    @Test
    void anOpenBreakerHoldsDeliveriesWithoutDroppingThemOrDelayingOtherEndpoints() throws Exception {
        Subscription down = outbox.subscribe("org-a", "http://127.0.0.1:9/down", "http", List.of());
        Subscription up = outbox.subscribe("org-a", "http://receiver.test:9/up", "http", List.of());
        for (int i = 0; i < 5; i++) {
            sink.then(new SinkResponse(502, null, "bad gateway"));
        }
        List<Delivery> toDown = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            toDown.add(record(down, "debate.completed"));
        }
        outbox.pass();
        assertThat(outbox.breakers.get("127.0.0.1").snapshot().state().wire()).isEqualTo("open");

        Delivery more = record(down, "debate.completed");
        Delivery other = record(up, "debate.completed");
        outbox.clock.advance(Duration.ofSeconds(30));
        outbox.pass();
        assertThat(stored(other).state()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(stored(more).state()).as("waits while the breaker is open").isEqualTo(DeliveryState.PENDING);
        assertThat(toDown).allSatisfy(d -> assertThat(stored(d).state()).isEqualTo(DeliveryState.RETRYING));

        outbox.clock.advance(Duration.ofSeconds(31));
        outbox.pass();
        outbox.pass();
        assertThat(stored(more).state()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(toDown).allSatisfy(d -> assertThat(stored(d).state()).isEqualTo(DeliveryState.DELIVERED));
    }

    @Test
    void aDeliveryWhoseSinkIsMissingWaitsUntilTheSinkAppears() throws Exception {
        Subscription s = outbox.subscribe("org-a", "https://hooks.slack.test/services/x", "slack", List.of());
        Delivery d = record(s, "debate.completed");
        assertThat(outbox.pass()).isZero();
        assertThat(outbox.deliveries.counts(s.id())).containsEntry(DeliveryState.PENDING, 1L);

        ScriptedSink slack = new ScriptedSink();
        outbox.sinks.put("slack", slack);
        assertThat(outbox.pass()).isEqualTo(1);
        assertThat(stored(d).state()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(slack.requests).hasSize(1);
    }

    @Test
    void aClaimWhoseSenderDiedIsDueAgainWhenItsLeaseEnds() throws Exception {
        Subscription s = outbox.subscribe("org-a", "http://127.0.0.1:9/hook", "http", List.of());
        Delivery d = record(s, "debate.completed");
        sink.hold = true;
        outbox.dispatcher.pass();
        waitFor(() -> sink.held.size() == 1);
        assertThat(stored(d).state()).isEqualTo(DeliveryState.IN_PROGRESS);

        // A new dispatcher on the same store, as after a restart; the first one's answer never comes.
        Outbox restarted = new Outbox(dir);
        try {
            ScriptedSink fresh = new ScriptedSink();
            restarted.sinks.put("http", fresh);
            // The lease: two timeouts (a wait for a slot, then the attempt) and a margin of 30 s.
            restarted.clock.advance(Duration.ofSeconds(89));
            assertThat(restarted.pass()).isZero();
            restarted.clock.advance(Duration.ofSeconds(2));
            assertThat(restarted.pass()).isEqualTo(1);
            assertThat(restarted.deliveries.find(null, d.id()).orElseThrow().state()).isEqualTo(DeliveryState.DELIVERED);
            assertThat(fresh.requests.get(0).deliveryId()).as("the same delivery id on every attempt").isEqualTo(d.id());
        } finally {
            restarted.close();
        }
    }

    @Test
    void aConnectionFailureIsRetriedAndARefusedDestinationIsNeverSent() throws Exception {
        Subscription s = outbox.subscribe("org-a", "http://127.0.0.1:9/hook", "http", List.of());
        sink.thenFail(new IllegalStateException("connection refused"));
        Delivery d = record(s, "debate.completed");
        outbox.pass();
        assertThat(stored(d).state()).isEqualTo(DeliveryState.RETRYING);
        assertThat(stored(d).lastError()).contains("connection refused");
        assertThat(stored(d).lastStatus()).isNull();

        Subscription internal = outbox.subscribe("org-a", "http://10.0.0.7/hook", "http", List.of());
        Outbox strict = new Outbox(dir.resolve("strict"), new ai.aragora.webhooks.outbound.OutboundRules(
                ai.aragora.webhooks.outbound.AllowedHosts.NONE, false, host -> new java.net.InetAddress[] {
                    java.net.InetAddress.getByName("10.0.0.7")}), 8);
        try {
            ScriptedSink strictSink = new ScriptedSink();
            strict.sinks.put("http", strictSink);
            Subscription there = strict.subscribe("org-a", internal.url(), "http", List.of());
            Delivery refused = Delivery.pending(there.id(), "org-a", null, "http", "debate.completed", Outbox.T0, Map.of(), Outbox.T0);
            strict.deliveries.insert(List.of(refused));
            strict.pass();
            Delivery after = strict.deliveries.find(null, refused.id()).orElseThrow();
            assertThat(after.state()).isEqualTo(DeliveryState.RETRYING);
            assertThat(after.lastError()).startsWith("refused: ").contains("a private address");
            assertThat(strictSink.requests).isEmpty();
        } finally {
            strict.close();
        }
    }

    @Test
    void aBacklogToAHungEndpointNeverStandsInFrontOfAnother() throws Exception {
        Subscription hung = outbox.subscribe("org-a", "http://127.0.0.1:9/hung", "http", List.of());
        Subscription fine = outbox.subscribe("org-a", "http://receiver.test:9/fine", "http", List.of());
        ScriptedSink slow = new ScriptedSink();
        slow.hold = true;
        outbox.sinks.put("http", request -> request.url().getHost().equals("127.0.0.1") ? slow.send(request) : sink.send(request));
        for (int i = 0; i < 600; i++) {
            record(hung, "debate.completed");
        }
        outbox.dispatcher.pass();
        waitFor(() -> slow.held.size() == 8);
        outbox.clock.advance(Duration.ofSeconds(1));
        Delivery other = record(fine, "debate.completed");
        outbox.dispatcher.pass();
        waitFor(() -> stored(other).state() == DeliveryState.DELIVERED);
        assertThat(slow.requests).as("bounded per endpoint, no thread parked per delivery").hasSize(8);
    }

    @Test
    void aBacklogBehindAnOpenBreakerNeverStandsInFrontOfAnother() throws Exception {
        Subscription dead = outbox.subscribe("org-a", "http://127.0.0.1:9/dead", "http", List.of());
        Subscription fine = outbox.subscribe("org-a", "http://receiver.test:9/fine", "http", List.of());
        outbox.sinks.put("http", request -> request.url().getHost().equals("127.0.0.1")
                ? java.util.concurrent.CompletableFuture.completedFuture(new ai.aragora.api.webhook.SinkResponse(500, null, "down"))
                : sink.send(request));
        for (int i = 0; i < 600; i++) {
            record(dead, "debate.completed");
        }
        // Five failures open the breaker; the 600 stay due (the retry schedule restarts nothing here).
        outbox.pass();
        assertThat(outbox.breakers.get("127.0.0.1").snapshot().state()).isEqualTo(ai.aragora.api.resilience.BreakerState.OPEN);
        outbox.clock.advance(Duration.ofSeconds(1));
        Delivery other = record(fine, "debate.completed");
        outbox.pass();
        assertThat(stored(other).state()).as("read although 600 older ones of an open breaker are due")
                .isEqualTo(DeliveryState.DELIVERED);
    }

    @Test
    void aReceiverDownForTwoMinutesGetsEverythingOnceItIsBack() throws Exception {
        Subscription s = outbox.subscribe("org-a", "http://127.0.0.1:9/hook", "http", List.of());
        java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean(true);
        ScriptedSink up = new ScriptedSink();
        outbox.sinks.put("http", request -> down.get()
                ? java.util.concurrent.CompletableFuture.failedFuture(new java.net.ConnectException("Connection refused"))
                : up.send(request));
        List<Delivery> all = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            all.add(record(s, "debate.completed"));
        }
        for (int second = 0; second < 120; second++) {
            outbox.pass();
            outbox.clock.advance(Duration.ofSeconds(1));
        }
        assertThat(all).noneSatisfy(d -> assertThat(stored(d).state()).isEqualTo(DeliveryState.DEAD_LETTERED));
        down.set(false);
        for (int second = 0; second < 400 && up.requests.size() < 50; second++) {
            outbox.pass();
            outbox.clock.advance(Duration.ofSeconds(1));
        }
        assertThat(all).allSatisfy(d -> assertThat(stored(d).state()).isEqualTo(DeliveryState.DELIVERED));
        assertThat(Duration.between(Outbox.T0.plusSeconds(120), outbox.clock.instant()))
                .as("within a breaker cooldown and the longest backoff reached").isLessThanOrEqualTo(Duration.ofSeconds(130));
    }

    static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        waitFor(condition, Duration.ofSeconds(10));
    }

    static void waitFor(java.util.function.BooleanSupplier condition, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met in " + within.toSeconds() + " s");
            }
            Thread.sleep(5);
        }
    }

    static Instant t(int seconds) {
        return Outbox.T0.plusSeconds(seconds);
    }
}
