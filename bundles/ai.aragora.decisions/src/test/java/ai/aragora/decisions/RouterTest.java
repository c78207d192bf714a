package ai.aragora.decisions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ai.aragora.api.decision.DecisionRequest;
import ai.aragora.api.decision.DecisionStatus;
import ai.aragora.api.decision.DecisionType;
import ai.aragora.api.decision.Priority;
import ai.aragora.api.storage.DecisionResult;

class RouterTest {

    private final Fakes.Decisions store = new Fakes.Decisions();
    private final Fakes.Engine engine = new Fakes.Engine();
    private final Fakes.Cache cache = new Fakes.Cache();
    private Router router;

    @BeforeEach
    void start() {
        router = router(4);
    }

    @AfterEach
    void stop() {
        router.deactivate();
    }

    private Router router(int slots) {
        Router r = new Router(Fakes.config(slots));
        r.services.store = store;
        r.services.engine = engine;
        r.services.cache = cache;
        for (String agent : List.of("demo-supportive", "demo-critical", "demo-balanced")) {
            r.addAgent(Fakes.agent(agent, "1.0.0"));
        }
        return r;
    }

    private static DecisionRequest ask(String input) {
        return request(input, DecisionType.DEBATE, Priority.NORMAL, true, null);
    }

    private static DecisionRequest request(String input, DecisionType type, Priority priority, boolean useCache, String callback) {
        return new DecisionRequest(input, type, priority, null, List.of(), 0, null, 0, callback, "org-1", null, useCache, "u-1");
    }

    @Test
    void aDecisionIsRecordedPendingThenRunsAndItsEndIsRecorded() {
        DecisionResult pending = router.submit(ask("Ship on Friday?"));
        assertThat(pending.status()).isEqualTo("pending");
        assertThat(store.find(pending.id())).isPresent();
        assertThat(engine.started).hasSize(1);
        assertThat(store.find(pending.id()).orElseThrow().status()).isEqualTo("processing");
        assertThat(engine.last().spec.task()).isEqualTo("Ship on Friday?");
        assertThat(engine.last().spec.orgId()).isEqualTo("org-1");

        engine.last().decide("Yes, with a rollback plan", "rcpt-1");

        DecisionResult done = store.find(pending.id()).orElseThrow();
        assertThat(done.status()).isEqualTo("completed");
        assertThat(done.receiptId()).isEqualTo("rcpt-1");
        assertThat(done.result()).contains("Yes, with a rollback plan", "\"explanation\"", "\"narrative\"");
        assertThat(done.cached()).isFalse();
        assertThat(done.requestKey()).startsWith("dk-");
        assertThat(done.request()).contains("Ship on Friday?");
    }

    @Test
    void anIdenticalDecisionIsAnsweredFromTheCacheWithoutTheEngineUnlessTheCallerRefusesIt() {
        DecisionResult first = router.submit(ask("Ship on Friday?"));
        engine.last().decide("Yes", "rcpt-1");

        DecisionResult again = router.submit(ask("  Ship   on Friday? "));
        assertThat(engine.started).hasSize(1);
        assertThat(again.status()).isEqualTo("completed");
        assertThat(again.cached()).isTrue();
        assertThat(again.cachedFrom()).isEqualTo(first.id());
        assertThat(again.receiptId()).isEqualTo("rcpt-1");
        assertThat(again.result()).isEqualTo(store.find(first.id()).orElseThrow().result());
        assertThat(store.find(again.id()).orElseThrow().cached()).as("recorded as cached").isTrue();

        DecisionResult fresh = router.submit(request("Ship on Friday?", DecisionType.DEBATE, Priority.NORMAL, false, null));
        assertThat(fresh.cached()).isFalse();
        assertThat(engine.started).hasSize(2);        assertThat(cache.statsRead).as("a decision reads the policy version, not the statistics, whose upkeep takes the cache's lock")
                .isZero();
    }

    @Test
    void aCachedAnswerDoesNotWaitForItsRowToBeDurableAndReadsBackMeanwhile() {
        router.submit(ask("q"));
        engine.last().decide("a", "r");
        java.util.concurrent.CompletableFuture<Void> durable = new java.util.concurrent.CompletableFuture<>();
        Fakes.Decisions slow = new Fakes.Decisions() {
            @Override
            public java.util.concurrent.CompletionStage<Void> record(DecisionResult r) {
                all.putIfAbsent(r.id(), r);
                return durable;
            }
        };
        router.services.store = slow;
        DecisionResult hit = router.submit(ask("q"));
        assertThat(hit.cached()).isTrue();
        assertThat(router.find(hit.id())).contains(hit);
        slow.all.remove(hit.id());
        assertThat(router.find(hit.id())).as("from memory until durable").contains(hit);
        durable.complete(null);
        assertThat(router.find(hit.id())).as("then from the store only").isEmpty();
    }

    @Test
    void eachInvalidationMakesTheNextIdenticalDecisionRunAgain() {
        router.submit(ask("q"));
        engine.last().decide("a", "r");
        assertThat(router.submit(ask("q")).cached()).isTrue();

        cache.invalidateWorkspace("org-1");
        assertThat(router.submit(ask("q")).cached()).isFalse();
        engine.last().decide("a", "r");

        cache.invalidateTag("type:debate");
        assertThat(router.submit(ask("q")).cached()).isFalse();
        engine.last().decide("a", "r");

        cache.changePolicyVersion("2");
        assertThat(router.submit(ask("q")).cached()).as("the key names the policy version").isFalse();
        engine.last().decide("a", "r");
        assertThat(router.submit(ask("q")).cached()).isTrue();

        router.addAgent(Fakes.agent("demo-critical", "1.1.0"));
        assertThat(router.submit(ask("q")).cached()).as("an upgraded agent makes another decision").isFalse();
        assertThat(engine.started).hasSize(5);
    }

    @Test
    void underLoadUrgentDecisionsStartBeforeWaitingNormalAndLowOnes() {
        router.deactivate();
        router = router(1);
        DecisionResult running = router.submit(request("running", DecisionType.DEBATE, Priority.LOW, false, null));
        for (int i = 0; i < 20; i++) {
            router.submit(request("low " + i, DecisionType.DEBATE, Priority.LOW, false, null));
            router.submit(request("normal " + i, DecisionType.DEBATE, Priority.NORMAL, false, null));
        }
        router.submit(request("high", DecisionType.DEBATE, Priority.HIGH, false, null));
        router.submit(request("urgent", DecisionType.DEBATE, Priority.URGENT, false, null));
        assertThat(router.waiting()).isEqualTo(42);
        assertThat(store.find(running.id()).orElseThrow().status()).isEqualTo("processing");

        List<String> order = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            engine.last().decide("x", null);
            order.add(engine.last().spec.task());
        }
        assertThat(order).containsExactly("urgent", "high", "normal 0", "normal 1");
    }

    @Test
    void aPendingDecisionCanBeCancelledAndRetriedAndACompletedOneCannot() {
        router.deactivate();
        router = router(1);
        DecisionResult first = router.submit(request("first", DecisionType.DEBATE, Priority.NORMAL, false, null));
        DecisionResult waiting = router.submit(request("second", DecisionType.DEBATE, Priority.NORMAL, false, null));

        DecisionResult cancelled = router.cancel(waiting.id(), "changed my mind").orElseThrow();
        assertThat(cancelled.status()).isEqualTo("cancelled");
        assertThat(cancelled.error()).contains("changed my mind");
        assertThat(router.waiting()).isZero();
        assertThatThrownBy(() -> router.cancel(waiting.id(), null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has ended");

        DecisionResult retried = router.retry(waiting.id()).orElseThrow();
        assertThat(retried.id()).isNotEqualTo(waiting.id());
        assertThat(retried.retriedFrom()).isEqualTo(waiting.id());
        assertThat(retried.status()).isEqualTo("pending");

        engine.last().decide("done", null);
        assertThat(engine.last().spec.task()).as("the retry runs the same input").isEqualTo("second");
        assertThatThrownBy(() -> router.retry(first.id())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is completed");
        assertThat(router.retry("dec-none")).isEmpty();
        assertThat(router.cancel("dec-none", null)).isEmpty();
    }

    @Test
    void cancellingARunningDecisionStopsItsDebate() {
        DecisionResult running = router.submit(ask("q"));
        router.cancel(running.id(), null);
        assertThat(engine.cancelled).containsExactly(engine.last().id);
        assertThat(store.find(running.id()).orElseThrow().status()).isEqualTo(DecisionStatus.CANCELLED.wire());
    }

    @Test
    void aQuickDecisionAsksOneAgentForOneRound() {
        router.submit(new DecisionRequest("q", DecisionType.QUICK, null, null, List.of("demo-critical", "demo-balanced"), 3,
                null, 5, null, "org-1", null, true, null));
        assertThat(engine.last().spec.agents()).containsExactly("demo-critical");
        assertThat(engine.last().spec.rounds()).isEqualTo(1);
        assertThat(engine.last().spec.seed()).isEqualTo(5);
    }

    @Test
    void theMetricsCountTheLineAndTheEndedDecisions() {
        router.deactivate();
        router = router(1);
        router.submit(ask("q"));
        router.submit(request("w", DecisionType.DEBATE, Priority.URGENT, false, null));
        engine.last().decide("a", "r");
        router.submit(ask("q"));
        List<io.prometheus.client.Collector.MetricFamilySamples> metrics = new RouterCollector(router).collect();
        String text = metrics.toString();
        assertThat(text).contains("aragora_decisions_waiting", "aragora_decisions_running");
        assertThat(metrics).flatExtracting(m -> m.samples).anySatisfy(sample -> {
            assertThat(sample.name).isEqualTo("aragora_decisions_total");
            assertThat(sample.labelValues).containsExactly("debate", "completed", "true");
            assertThat(sample.value).isEqualTo(1.0);
        });
        assertThat(metrics).flatExtracting(m -> m.samples).anySatisfy(sample -> {
            assertThat(sample.name).isEqualTo("aragora_decisions_running");
            assertThat(sample.value).isEqualTo(1.0);
        });
    }

    @Test
    void aGauntletNamesTheLastAgentItsContrarian() {
        router.submit(request("q", DecisionType.GAUNTLET, Priority.NORMAL, true, null));
        assertThat(engine.last().spec.metadata()).containsEntry(ai.aragora.api.debate.DebateSpec.CONTRARIAN, "demo-balanced");
        assertThat(engine.last().spec.agents()).hasSize(3);
    }

    @Test
    void anUnknownAgentOrAnEngineLimitIsNamedByItsField() {
        assertThatThrownBy(() -> router.submit(new DecisionRequest("q", null, null, null, List.of("nobody", "demo-critical"), 0,
                null, 0, null, "org-1", null, true, null))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("config.agents: unknown agent nobody");
        assertThatThrownBy(() -> router.submit(new DecisionRequest("q", null, null, null, List.of(), 40, null, 0, null, "org-1",
                null, true, null))).hasMessageStartingWith("config.rounds: rounds must be between 1 and 12");
        assertThat(store.all).isEmpty();
    }

    @Test
    void anEngineThatRefusesFailsTheDecisionAndFreesItsSlot() {
        engine.capacity = 0;
        DecisionResult refused = router.submit(ask("q"));
        DecisionResult stored = store.find(refused.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo("failed");
        assertThat(stored.error()).contains("at capacity");
        assertThat(router.running()).isZero();
    }

    @Test
    void aCallbackNeedsTheOutboundServicesAndAnAllowedUrlAndIsDeliveredAtTheEnd() {
        DecisionRequest withCallback = request("q", DecisionType.DEBATE, Priority.NORMAL, true, "https://hooks.example.test/done");
        assertThatThrownBy(() -> router.submit(withCallback)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("callbacks are unavailable");
        assertThat(store.all).as("nothing accepted silently").isEmpty();

        Fakes.Outbound outbound = new Fakes.Outbound();
        router.bindOutboundPolicy(outbound);
        router.bindCallbacks(outbound);
        assertThatThrownBy(() -> router.submit(request("q", DecisionType.DEBATE, Priority.NORMAL, true, "http://10.0.0.1/x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("callback_url: only https://hooks");

        DecisionResult d = router.submit(withCallback);
        assertThat(outbound.delivered).isEmpty();
        engine.last().decide("a", "r");
        assertThat(outbound.delivered).singleElement().satisfies(m -> {
            assertThat(m).containsEntry("decision_id", d.id()).containsEntry("event", "decision.completed")
                    .containsEntry("org", "org-1").containsEntry("url", "https://hooks.example.test/done");
        });
    }

    @Test
    void withoutAJobQueueDecisionsRunningWhenTheRouterStopsEndAsFailedAndCanBeRetried() {
        DecisionResult running = router.submit(ask("q"));
        router.deactivate();
        DecisionResult stored = store.find(running.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo("failed");
        assertThat(stored.error()).contains("interrupted");
        router = router(4);
        assertThat(router.retry(running.id()).orElseThrow().retriedFrom()).isEqualTo(running.id());
    }
}
