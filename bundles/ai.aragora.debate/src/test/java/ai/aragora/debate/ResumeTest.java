package ai.aragora.debate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import ai.aragora.api.agent.Agent;
import ai.aragora.api.agent.Critique;
import ai.aragora.api.agent.ProposalRequest;
import ai.aragora.api.agent.Vote;
import ai.aragora.api.debate.DebateHandle;
import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.debate.DebateStatus;
import ai.aragora.api.debate.Message;
import ai.aragora.api.debate.UsageTotals;
import ai.aragora.api.event.DebateEvent;
import ai.aragora.api.event.EventType;

/** A debate whose process stopped goes on in another engine from its stored transcript. The first engine here has no job queue: the second takes its open debates over as an older version's. */
class ResumeTest {

    /** A debate whose job nobody holds is taken over once it was left alone for a lease. */
    private static final double OLDER_THAN_A_LEASE = EngineSettings.DEFAULTS.leaseNanos() * 4 / 3e9 + 0.5;

    private final Harness first = new Harness();
    private final ScriptedAgent b = first.agent("b", "b");
    private String id;
    private long storedSeq;
    private int storedMessages;
    private UsageTotals storedUsage;

    /** Agents a and b disagree for three rounds; the first engine stops for good while round 2 votes. */
    private void firstInstanceDiesInRoundTwo() {
        first.agent("a", "a");
        b.onVote = r -> r.turn().round() == 2 ? new CompletableFuture<>()
                : ScriptedAgent.done(new Vote("b", "b", r.turn().round(), 0.8, "mine", false, null));
        DebateHandle running = first.start(Harness.spec("a", "b").rounds(3).build());
        id = running.id();
        assertThat(running.status()).isEqualTo(DebateStatus.RUNNING);
        assertThat(first.store.records.get(id).roundsUsed()).isEqualTo(1);
        List<DebateEvent> events = first.store.events.get(id);
        storedSeq = events.get(events.size() - 1).seq();
        storedMessages = first.store.messages.get(id).size();
        storedUsage = first.store.usage.get(id);
    }

    private static Arena engine(ManualScheduler clock, RecordingStore store, Agent... agents) {
        Arena arena = new Arena(null, clock, new DirectExecutor(), new DirectExecutor(), EngineSettings.DEFAULTS);
        long serviceId = 100;
        for (Agent agent : agents) {
            Map<String, Object> properties = new HashMap<>();
            properties.put(Agent.NAME, agent.info().name());
            properties.put("service.id", serviceId++);
            arena.addAgent(agent, properties);
        }
        arena.bindReceipts(new FakeServices.Receipts());
        arena.bindStore(store);
        arena.bindJobs(new FakeJobQueue());
        return arena;
    }

    @Test
    void aSecondEngineResumesAtTheRoundAfterTheLastStoredOneAndTheSeqGoesOn() {
        firstInstanceDiesInRoundTwo();
        ScriptedAgent a2 = new ScriptedAgent("a", "a");
        ScriptedAgent b2 = new ScriptedAgent("b", "b");
        ManualScheduler clock = new ManualScheduler();
        engine(clock, first.store, a2, b2);
        clock.advanceSeconds(OLDER_THAN_A_LEASE);


        assertThat(first.store.records.get(id).status().isFinal()).isTrue();
        DebateResult result = first.store.results.get(id);
        assertThat(result.roundsUsed()).isEqualTo(3);
        // round 2 starts again: each agent revises its round-1 proposal with the critiques round 1 gave it
        ProposalRequest revision = a2.proposals.get(0);
        assertThat(revision.turn().round()).isEqualTo(2);
        assertThat(revision.previous()).startsWith("a round 1");
        assertThat(revision.critiques()).extracting(Critique::agent, Critique::round)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("b", 1));
        assertThat(b2.proposals.get(0).previous()).startsWith("b round 1");
        // round 1's votes and the baseline are kept; rounds 2 and 3 are voted here
        assertThat(result.votes()).extracting(Vote::round).containsExactly(1, 1, 2, 2, 3, 3);
        assertThat(result.baseline().votes()).hasSize(2);
        // what round 1 cost on the first engine, stored with its progress, is counted; rounds 2 and 3 cost, per agent
        // and round, a proposal (10 in, 20 out), a critique (none) and a vote (5, 5)
        UsageTotals roundOne = storedUsage;
        assertThat(roundOne.inputTokens()).isPositive();
        assertThat(result.usage().inputTokens()).isEqualTo(roundOne.inputTokens() + 60);
        assertThat(result.usage().outputTokens()).isEqualTo(roundOne.outputTokens() + 100);
        assertThat(result.usage().byAgent()).filteredOn(u -> u.agent().equals("b"))
                .extracting(ai.aragora.api.debate.AgentUsage::calls).containsExactly(
                        roundOne.byAgent().stream().filter(u -> u.agent().equals("b")).mapToLong(ai.aragora.api.debate.AgentUsage::calls).sum() + 6);

        List<DebateEvent> events = first.store.events.get(id);
        assertThat(events).extracting(DebateEvent::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, events.size()).boxed().toList());
        DebateEvent resumedRound = events.stream().filter(e -> e.seq() == storedSeq + 1).findFirst().orElseThrow();
        assertThat(resumedRound.type()).isEqualTo(EventType.ROUND_START);
        assertThat(resumedRound.data()).containsEntry("resumed", true);
        assertThat(events.get(events.size() - 1).type()).isEqualTo(EventType.DEBATE_END);

        List<Message> messages = first.store.messages.get(id);
        assertThat(messages).extracting(Message::index)
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, messages.size()).boxed().toList());
        assertThat(messages.get(storedMessages).role()).isEqualTo(Roles.SYSTEM);
        assertThat(messages.get(storedMessages).content()).startsWith("Resumed").contains("round 2");
    }

    @Test
    void aDebateWhoseAgentsAreNotHereIsInterruptedWithTheReason() {
        firstInstanceDiesInRoundTwo();
        ManualScheduler clock = new ManualScheduler();
        engine(clock, first.store, new ScriptedAgent("a", "a"));
        clock.advanceSeconds(OLDER_THAN_A_LEASE);


        assertThat(first.store.records.get(id).status()).isEqualTo(DebateStatus.INTERRUPTED);
        List<Message> messages = first.store.messages.get(id);
        assertThat(messages.get(messages.size() - 1).content()).contains("could not be resumed", "agents not available: b");
        List<DebateEvent> events = first.store.events.get(id);
        assertThat(events.get(events.size() - 1).seq()).isEqualTo(storedSeq + 1);
        assertThat(events.get(events.size() - 1).data()).containsEntry("status", "interrupted");
        DebateResult closed = first.store.results.get(id);
        assertThat(closed.status()).as("stored as a result, so its usage is billed").isEqualTo(DebateStatus.INTERRUPTED);
        assertThat(closed.usage()).isEqualTo(storedUsage);
        assertThat(closed.roundsUsed()).isEqualTo(1);
    }

    @Test
    void theStateOfTheLastStoredRoundIsRebuiltFromTheTranscript() {
        firstInstanceDiesInRoundTwo();
        Seats seats = new Seats(Harness.spec("a", "b").rounds(3).build(), new ai.aragora.api.agent.AgentInfo[2], null, null);
        Replay r = Replay.of(Harness.spec("a", "b").rounds(3).build(), 1, first.store.messages.get(id),
                first.store.events.get(id), seats, null);
        assertThat(r.round).isEqualTo(2);
        assertThat(seats.all[0].proposal).startsWith("a round 1");
        assertThat(seats.all[1].received).extracting(Critique::agent).containsExactly("a");
        assertThat(r.votes).extracting(Vote::agent, Vote::choice).containsExactly(
                org.assertj.core.groups.Tuple.tuple("a", "a"), org.assertj.core.groups.Tuple.tuple("b", "b"));
        assertThat(r.lastTally.validVotes()).isEqualTo(2);
        assertThat(r.baseline.votes()).hasSize(2);
    }
}
