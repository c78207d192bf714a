package ai.aragora.debate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import ai.aragora.api.debate.AgentUsage;
import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.debate.Message;
import ai.aragora.api.debate.UsageTotals;
import ai.aragora.api.event.EventType;
import ai.aragora.api.storage.Job;

import ai.aragora.api.agent.Agent;
import ai.aragora.api.agent.Vote;
import ai.aragora.api.debate.DebateHandle;
import ai.aragora.api.debate.DebateStatus;
import ai.aragora.api.event.DebateEvent;
import ai.aragora.api.storage.JobStatus;

/** Each running debate is a job its engine holds and renews; an engine claims and resumes the jobs of one that died. */
class CustodyTest {

    private static final double TICK = EngineSettings.DEFAULTS.leaseNanos() / 3e9 + 0.1;

    private final FakeJobQueue queue = new FakeJobQueue();
    private final Harness first = new Harness();

    private static void register(Arena arena, Agent... agents) {
        long serviceId = 100;
        for (Agent agent : agents) {
            Map<String, Object> properties = new HashMap<>();
            properties.put(Agent.NAME, agent.info().name());
            properties.put("service.id", serviceId++);
            arena.addAgent(agent, properties);
        }
    }

    /** A debate of a and b that stops for good in round 2's vote on the first engine. */
    private DebateHandle stuckInRoundTwo() {
        first.arena.bindJobs(queue);
        return stuckInRoundTwo(first);
    }

    private static DebateHandle stuckInRoundTwo(Harness on) {
        on.agent("a", "a");
        ScriptedAgent b = on.agent("b", "b");
        b.onVote = r -> r.turn().round() == 2 ? new CompletableFuture<>()
                : ScriptedAgent.done(new Vote("b", "b", r.turn().round(), 0.8, "mine", false, null));
        return on.start(Harness.spec("a", "b").rounds(3).build());
    }

    /** An engine on {@code store} and the shared queue with agents a and b that answer at once. */
    private Arena another(ManualScheduler clock, RecordingStore store) {
        Arena arena = new Arena(null, clock, new DirectExecutor(), new DirectExecutor(), EngineSettings.DEFAULTS);
        register(arena, new ScriptedAgent("a", "a"), new ScriptedAgent("b", "b"));
        arena.bindReceipts(new FakeServices.Receipts());
        arena.bindStore(store);
        arena.bindJobs(queue);
        return arena;
    }

    @Test
    void aDebateIsHeldWhileItRunsAndItsJobIsDoneWhenItEnds() {
        first.arena.bindJobs(queue);
        first.agent("a", "a");
        first.agent("b", "a");
        DebateHandle done = first.start(Harness.spec("a", "b").rounds(1).build());
        assertThat(done.status()).isEqualTo(DebateStatus.CONSENSUS_REACHED);
        assertThat(queue.jobs.get("debate:" + done.id()).status()).isEqualTo(JobStatus.SUCCEEDED);

        DebateHandle running = stuckInRoundTwo();
        assertThat(queue.jobs.get("debate:" + running.id()).status()).isEqualTo(JobStatus.RUNNING);
        first.clock.advanceSeconds(TICK * 3);
        assertThat(running.status()).as("renewed, so still running here").isEqualTo(DebateStatus.RUNNING);
    }

    @Test
    void anEngineWhoseLeaseWasTakenStopsTheDebateWithoutWritingMore() {
        DebateHandle running = stuckInRoundTwo();
        String worker = queue.worker("debate:" + running.id());
        queue.expire(worker);
        queue.claim("debates", "another-instance", 10, java.time.Duration.ofMinutes(1));
        int stored = first.store.events.get(running.id()).size();

        first.clock.advanceSeconds(TICK);

        assertThat(running.result().toCompletableFuture()).isCompletedExceptionally();
        assertThat(first.arena.active()).isEmpty();
        assertThat(first.store.events.get(running.id())).hasSize(stored);
        assertThat(first.store.records.get(running.id()).status()).isEqualTo(DebateStatus.RUNNING);
        assertThat(queue.worker("debate:" + running.id())).isEqualTo("another-instance");
    }

    @Test
    void anotherEngineClaimsTheJobOfADeadOneAndResumesTheDebate() {
        DebateHandle running = stuckInRoundTwo();
        String id = running.id();
        ManualScheduler clock = new ManualScheduler();
        Arena second = new Arena(null, clock, new DirectExecutor(), new DirectExecutor(), EngineSettings.DEFAULTS);
        register(second, new ScriptedAgent("a", "a"), new ScriptedAgent("b", "b"));
        second.bindReceipts(new FakeServices.Receipts());
        second.bindStore(first.store);
        second.bindJobs(queue);
        clock.advanceSeconds(TICK);
        assertThat(first.store.records.get(id).status()).as("its owner still holds it").isEqualTo(DebateStatus.RUNNING);

        queue.expire(queue.worker("debate:" + id));
        clock.advanceSeconds(TICK);

        assertThat(first.store.records.get(id).status().isFinal()).isTrue();
        assertThat(first.store.results.get(id).roundsUsed()).isEqualTo(3);
        assertThat(queue.jobs.get("debate:" + id).status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(queue.jobs.get("debate:" + id).attempts()).isEqualTo(2);
        List<DebateEvent> events = first.store.events.get(id);
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).seq()).isEqualTo(events.get(i - 1).seq() + 1);
        }
    }

    @Test
    void aDebateWhoseOwnersKeptDyingIsInterruptedWithTheReason() {
        DebateHandle running = stuckInRoundTwo();
        String id = running.id();
        queue.heldBy("debate:" + id, "dead");
        queue.jobs.put("debate:" + id, new ai.aragora.api.storage.Job("debate:" + id, "debates", "debate", "{}", JobStatus.PENDING,
                0, 4, 5, java.time.Instant.now(), null, null, "lease expired", java.time.Instant.now(), java.time.Instant.now()));
        ManualScheduler clock = new ManualScheduler();
        Arena second = new Arena(null, clock, new DirectExecutor(), new DirectExecutor(), EngineSettings.DEFAULTS);
        register(second, new ScriptedAgent("a", "a"), new ScriptedAgent("b", "b"));
        second.bindStore(first.store);
        second.bindJobs(queue);

        clock.advanceSeconds(TICK);

        assertThat(first.store.records.get(id).status()).isEqualTo(DebateStatus.INTERRUPTED);
        assertThat(first.store.messages.get(id).get(first.store.messages.get(id).size() - 1).content())
                .contains("could not be resumed", "stopped 4 times");
        assertThat(queue.jobs.get("debate:" + id).status()).isEqualTo(JobStatus.SUCCEEDED);
    }

    @Test
    void aStoppingEngineHandsItsDebatesOverAndAnotherResumesThemAtOnceCountingWhatTheySpent() {
        Harness stopping = new Harness(EngineSettings.DEFAULTS.withLimits(10, 0));
        stopping.arena.bindJobs(queue);
        DebateHandle running = stuckInRoundTwo(stopping);
        String id = running.id();

        stopping.arena.deactivate();

        assertThat(running.result().toCompletableFuture()).isCompletedExceptionally();
        assertThat(stopping.store.records.get(id).status()).as("left to be resumed, not interrupted").isEqualTo(DebateStatus.RUNNING);
        assertThat(stopping.store.records.get(id).roundsUsed()).isEqualTo(1);
        assertThat(stopping.store.messages.get(id)).extracting(Message::content).noneMatch(c -> c.startsWith("Interrupted"));
        assertThat(stopping.announced).extracting(DebateEvent::type).doesNotContain(EventType.DEBATE_END);
        Job job = queue.jobs.get("debate:" + id);
        assertThat(job.status()).as("given back, not left to run out").isEqualTo(JobStatus.PENDING);
        assertThat(job.attempts()).as("a handover is not a failed attempt").isZero();
        UsageTotals handedOver = stopping.store.usage.get(id);
        assertThat(handedOver.byAgent()).filteredOn(u -> u.agent().equals("a")).extracting(AgentUsage::calls)
                .as("a's calls of round 1 and of round 2 until the stop").containsExactly(6L);

        ManualScheduler clock = new ManualScheduler();
        another(clock, stopping.store);
        clock.advanceSeconds(TICK);

        assertThat(stopping.store.records.get(id).status()).as("resumed within a tick, no lease ran out").isEqualTo(DebateStatus.COMPLETED);
        DebateResult result = stopping.store.results.get(id);
        assertThat(result.roundsUsed()).isEqualTo(3);
        // rounds 2 and 3 again: per agent and round a proposal (10 in, 20 out), a critique (none), a vote (5, 5)
        assertThat(result.usage().inputTokens()).isEqualTo(handedOver.inputTokens() + 60);
        assertThat(result.usage().outputTokens()).isEqualTo(handedOver.outputTokens() + 100);
        assertThat(result.usage().byAgent()).filteredOn(u -> u.agent().equals("a")).extracting(AgentUsage::calls)
                .containsExactly(6L + 6);
        assertThat(queue.jobs.get("debate:" + id).status()).isEqualTo(JobStatus.SUCCEEDED);
    }

    @Test
    void aDebateLeftRunningWithoutAJobIsTakenOverOnceItWasLeftAloneForALease() {
        ManualScheduler clock = new ManualScheduler();
        Harness died = new Harness();
        another(clock, died.store);
        clock.advanceSeconds(TICK);
        // stored, then its instance died before storing its job (this one never binds a queue)
        DebateHandle orphan = stuckInRoundTwo(died);
        String id = orphan.id();

        clock.advanceSeconds(TICK * 2);
        assertThat(died.store.records.get(id).status()).as("within a lease its own instance may still hold it")
                .isEqualTo(DebateStatus.RUNNING);
        clock.advanceSeconds(TICK * Custody.ORPHAN_TICKS);

        assertThat(died.store.records.get(id).status()).isEqualTo(DebateStatus.COMPLETED);
        assertThat(died.store.results.get(id).roundsUsed()).isEqualTo(3);
        assertThat(queue.jobs.get("debate:" + id).status()).isEqualTo(JobStatus.SUCCEEDED);
    }

    @Test
    void aRunningDebateWhoseJobIsDeadIsClosedAsInterruptedWithTheReason() {
        DebateHandle running = stuckInRoundTwo();
        String id = running.id();
        Instant now = Instant.now();
        queue.jobs.put("debate:" + id, new Job("debate:" + id, "debates", "debate", "{}", JobStatus.DEAD, 0, 5, 5, now, null, null,
                "lease expired", now, now));
        ManualScheduler clock = new ManualScheduler();
        another(clock, first.store);

        clock.advanceSeconds(TICK * (Custody.ORPHAN_TICKS + 4));

        assertThat(first.store.records.get(id).status()).isEqualTo(DebateStatus.INTERRUPTED);
        List<Message> messages = first.store.messages.get(id);
        assertThat(messages.get(messages.size() - 1).content()).contains("could not be resumed", "stopped 5 times");
        List<DebateEvent> events = first.store.events.get(id);
        assertThat(events.get(events.size() - 1).data()).containsEntry("status", "interrupted");
    }
}
