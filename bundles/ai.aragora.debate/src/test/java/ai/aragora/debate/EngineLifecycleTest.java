package ai.aragora.debate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import ai.aragora.api.agent.Vote;
import ai.aragora.api.debate.DebateHandle;
import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.debate.DebateSpec;
import ai.aragora.api.debate.DebateStatus;
import ai.aragora.api.debate.Message;
import ai.aragora.api.event.DebateEvent;
import ai.aragora.api.event.EventType;
import ai.aragora.api.health.ComponentHealth;
import ai.aragora.api.storage.DebateRecord;

/** Starting, capacity, stopping and recovering the engine. */
class EngineLifecycleTest {

    @Test
    void stoppingRefusesNewDebatesAndInterruptsThoseStillRunningAfterTheGracePeriod() {
        Harness h = new Harness(EngineSettings.DEFAULTS.withLimits(10, 0));
        h.agent("a", "a");
        ScriptedAgent b = h.agent("b", "a");
        b.onVote = r -> new CompletableFuture<>();
        DebateHandle running = h.start(Harness.spec("a", "b").build());

        h.arena.deactivate();
        DebateResult r = running.result().toCompletableFuture().getNow(null);
        assertThat(r.status()).isEqualTo(DebateStatus.INTERRUPTED);
        assertThat(r.messages()).extracting(Message::role).containsExactly("proposer", "proposer", "system");
        assertThat(h.store.results.get(running.id()).status()).isEqualTo(DebateStatus.INTERRUPTED);
        assertThat(h.announced.get(h.announced.size() - 1).data()).containsEntry("status", "interrupted");
        assertThatThrownBy(() -> h.start(Harness.spec("a", "b").build())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("shutting down");
        assertThat(h.arena.health().status()).isEqualTo(ComponentHealth.Status.DEGRADED);
    }

    @Test
    void debatesThatFinishWithinTheGracePeriodFinishNormally() {
        Harness h = new Harness();
        h.agent("a", "a");
        ScriptedAgent b = h.agent("b", "a");
        CompletableFuture<Vote> later = new CompletableFuture<>();
        b.onVote = r -> r.baseline() ? later : ScriptedAgent.done(new Vote("b", "a", r.turn().round(), 0.7, "", false, null));
        DebateHandle running = h.start(Harness.spec("a", "b").rounds(1).build());
        Thread finisher = new Thread(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
            later.complete(new Vote("b", "a", 1, 0.7, "", false, null));
        });
        finisher.start();
        h.arena.deactivate();
        assertThat(running.result().toCompletableFuture().getNow(null).status()).isEqualTo(DebateStatus.CONSENSUS_REACHED);
    }

    @Test
    void beyondCapacityDebatesAreRefused() {
        Harness h = new Harness(EngineSettings.DEFAULTS.withLimits(1, 0));
        h.agent("a", "a");
        ScriptedAgent b = h.agent("b", "a");
        b.onVote = r -> new CompletableFuture<>();
        h.start(Harness.spec("a", "b").build());
        assertThatThrownBy(() -> h.start(Harness.spec("a", "b").build())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("capacity");
        assertThat(h.arena.active()).hasSize(1);
    }

    @Test
    void concurrentStartsNeverExceedTheCapacityAndRefusedOnesLeaveNoPlaceTaken() throws Exception {
        Harness h = new Harness(EngineSettings.DEFAULTS.withLimits(5, 0));
        h.agent("a", "a");
        ScriptedAgent b = h.agent("b", "a");
        b.onVote = r -> new CompletableFuture<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger accepted = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> all = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            all.add(pool.submit(() -> {
                go.await();
                try {
                    h.start(Harness.spec("a", "b").build());
                    accepted.incrementAndGet();
                } catch (IllegalStateException refused) {
                    // at capacity
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : all) {
            f.get();
        }
        pool.shutdown();
        assertThat(accepted.get()).isEqualTo(5);
        assertThat(h.arena.active()).hasSize(5);
        assertThatThrownBy(() -> h.start(Harness.spec("nobody", "b").build())).isInstanceOf(IllegalStateException.class);
        h.arena.active().forEach(d -> h.arena.cancel(d.id()));
        assertThat(h.arena.active()).isEmpty();
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> h.start(Harness.spec("nobody", "b").build())).isInstanceOf(IllegalArgumentException.class);
        }
        for (int i = 0; i < 5; i++) {
            h.start(Harness.spec("a", "b").build());
        }
        assertThat(h.arena.active()).hasSize(5);
    }

    @Test
    void debatesAnOlderProcessLeftRunningWithoutAJobAreTakenOverOnceAndClosedWhenTheirAgentsAreGone() {
        RecordingStore previous = new RecordingStore();
        DebateSpec spec = Harness.spec("a", "b").build();
        Instant then = Instant.parse("2026-11-21T09:00:00Z");
        previous.create(new DebateRecord("deb-old", spec, null, DebateStatus.RUNNING, 1, false, then, then));
        previous.append("deb-old", List.of(new Message(0, "proposer", "a", "old proposal", 1, then)),
                List.of(new DebateEvent("deb-old", 1, EventType.DEBATE_START, then, 0, null, Map.of()),
                        new DebateEvent("deb-old", 2, EventType.AGENT_MESSAGE, then, 1, "a", Map.of())));
        previous.create(new DebateRecord("deb-done", spec, null, DebateStatus.COMPLETED, 3, true, then, then));

        ManualScheduler clock = new ManualScheduler();
        Arena fresh = new Arena(null, clock, new DirectExecutor(), new DirectExecutor(), EngineSettings.DEFAULTS);
        FakeJobQueue queue = new FakeJobQueue();
        fresh.bindStore(previous);
        fresh.bindJobs(queue);
        assertThat(previous.records.get("deb-old").status()).isEqualTo(DebateStatus.RUNNING);
        clock.advanceSeconds(EngineSettings.DEFAULTS.leaseNanos() / 3e9 + 0.1);

        assertThat(previous.records.get("deb-old").status()).isEqualTo(DebateStatus.INTERRUPTED);
        assertThat(previous.records.get("deb-done").status()).isEqualTo(DebateStatus.COMPLETED);
        assertThat(previous.messages.get("deb-old")).extracting(Message::index, Message::role).containsExactly(
                org.assertj.core.groups.Tuple.tuple(0, "proposer"), org.assertj.core.groups.Tuple.tuple(1, "system"));
        assertThat(previous.events.get("deb-old")).extracting(DebateEvent::seq, DebateEvent::type)
                .endsWith(org.assertj.core.groups.Tuple.tuple(3L, EventType.DEBATE_END));
        assertThat(previous.messages.get("deb-old").get(1).content()).contains("agents not available: a, b");
        assertThat(queue.jobs.get("debate:deb-old").status()).isEqualTo(ai.aragora.api.storage.JobStatus.SUCCEEDED);
    }

    @Test
    void aLaterStoreIsASuccessorWhoseOpenDebatesAreLeftAlone() {
        Harness h = new Harness();
        RecordingStore successor = new RecordingStore();
        Instant then = Instant.parse("2026-11-21T09:00:00Z");
        successor.create(new DebateRecord("deb-queued", Harness.spec("a", "b").build(), null, DebateStatus.CREATED, 0, false,
                then, then));
        h.arena.bindStore(successor);
        assertThat(successor.records.get("deb-queued").status()).isEqualTo(DebateStatus.CREATED);
    }

    @Test
    void aStoreBoundWhileDebatesRunDoesNotInterruptThem() {
        Harness h = new Harness();
        h.agent("a", "a");
        ScriptedAgent b = h.agent("b", "a");
        CompletableFuture<Vote> pending = new CompletableFuture<>();
        b.onVote = r -> pending;
        DebateHandle running = h.start(Harness.spec("a", "b").rounds(1).build());

        h.arena.bindStore(h.store);
        assertThat(h.store.records.get(running.id()).status()).isEqualTo(DebateStatus.RUNNING);
        pending.complete(new Vote("b", "a", 1, 0.7, "", false, null));
        assertThat(running.result().toCompletableFuture().getNow(null).status()).isEqualTo(DebateStatus.CONSENSUS_REACHED);
    }

    @Test
    void writesWaitForASuccessorStoreWhileTheStorageBundleIsReplaced() {
        Harness h = new Harness();
        h.agent("a", "a");
        ScriptedAgent b = h.agent("b", "a");
        CompletableFuture<Vote> pending = new CompletableFuture<>();
        b.onVote = r -> r.baseline() ? pending : ScriptedAgent.done(new Vote("b", "a", 1, 0.7, "", false, null));
        DebateHandle running = h.start(Harness.spec("a", "b").rounds(1).build());

        h.arena.unbindStore(h.store);
        assertThat(h.arena.health().status()).isEqualTo(ComponentHealth.Status.UNAVAILABLE);
        pending.complete(new Vote("b", "a", 1, 0.7, "", false, null));
        assertThat(running.result().toCompletableFuture().isDone()).isFalse();
        RecordingStore successor = new RecordingStore();
        successor.records.putAll(h.store.records);
        h.arena.bindStore(successor);

        DebateResult r = running.result().toCompletableFuture().getNow(null);
        assertThat(r.status()).isEqualTo(DebateStatus.CONSENSUS_REACHED);
        assertThat(successor.results).containsKey(running.id());
    }

    @Test
    void withoutAnyStoreWithinItsGracePeriodTheDebateFails() {
        Harness h = new Harness();
        h.agent("a", "a");
        h.agent("b", "a");
        h.arena.unbindStore(h.store);
        DebateHandle handle = h.start(Harness.spec("a", "b").build());
        h.clock.advanceSeconds(10);
        assertThat(handle.result().toCompletableFuture().getNow(null).status()).isEqualTo(DebateStatus.FAILED);
        assertThat(h.arena.active()).isEmpty();
    }

    @Test
    void healthSaysWhatTheEngineHasAndLacks() {
        Harness h = new Harness();
        assertThat(h.arena.health()).isEqualTo(new ComponentHealth(ComponentHealth.Status.HEALTHY,
                "0 debates running, 0 agents registered"));
        h.agent("a", "a");
        assertThat(h.arena.health().detail()).isEqualTo("0 debates running, 1 agent registered");
        h.arena.unbindStore(h.store);
        assertThat(h.arena.health().status()).isEqualTo(ComponentHealth.Status.UNAVAILABLE);
    }
}
