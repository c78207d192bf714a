package ai.aragora.debate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

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
        first.agent("a", "a");
        ScriptedAgent b = first.agent("b", "b");
        b.onVote = r -> r.turn().round() == 2 ? new CompletableFuture<>()
                : ScriptedAgent.done(new Vote("b", "b", r.turn().round(), 0.8, "mine", false, null));
        return first.start(Harness.spec("a", "b").rounds(3).build());
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
}
