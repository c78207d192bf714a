package ai.aragora.debate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import ai.aragora.api.agent.AgentException;
import ai.aragora.api.agent.Critique;
import ai.aragora.api.agent.CritiqueRequest;
import ai.aragora.api.agent.Proposal;
import ai.aragora.api.agent.Vote;
import ai.aragora.api.debate.AgentFailure;
import ai.aragora.api.debate.Convergence;
import ai.aragora.api.debate.DebateHandle;
import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.debate.DebateStatus;
import ai.aragora.api.debate.Message;
import ai.aragora.api.debate.Verdict;
import ai.aragora.api.event.DebateEvent;
import ai.aragora.api.event.EventType;

/** The protocol of one debate: phases, their order, the transcript, the events and the decision. */
class DebateProtocolTest {

    private final Harness h = new Harness();

    @Test
    void roundsRunProposeBaselineCritiqueVoteAndTheMajorityDecides() {
        h.agent("a", "b");
        h.agent("b", "b");
        h.agent("c", "a");
        DebateResult r = h.run(Harness.spec("a", "b", "c").rounds(2).minRounds(2).build());

        assertThat(r.status()).isEqualTo(DebateStatus.CONSENSUS_REACHED);
        assertThat(r.winner()).isEqualTo("b");
        assertThat(r.confidence()).isEqualTo(0.6667);
        assertThat(r.consensus().supportingAgents()).containsExactly("a", "b");
        assertThat(r.consensus().dissentingAgents()).containsExactly("c");
        assertThat(r.dissentingViews()).singleElement().asString().startsWith("c: c round 2 proposes");
        assertThat(r.verdict()).isEqualTo(Verdict.APPROVED_WITH_CONDITIONS);
        assertThat(r.finalAnswer()).startsWith("b round 2 proposes");
        assertThat(r.roundsUsed()).isEqualTo(2);

        // round 1: 3 proposals, 3 baseline votes, 6 critiques, 3 votes; round 2: 3 revisions, 6 critiques, 3 votes
        assertThat(r.messages()).extracting(Message::role).containsExactly(
                "proposer", "proposer", "proposer", "voter", "voter", "voter",
                "critic", "critic", "critic", "critic", "critic", "critic", "voter", "voter", "voter",
                "proposer", "proposer", "proposer",
                "critic", "critic", "critic", "critic", "critic", "critic", "voter", "voter", "voter");
        assertThat(r.messages()).extracting(Message::index).containsExactlyElementsOf(IntStream.range(0, 27).boxed().toList());
        assertThat(r.messages().get(3).content()).startsWith("Baseline vote: b (confidence 0.80)");
        assertThat(r.votes()).hasSize(6).extracting(Vote::round).containsExactly(1, 1, 1, 2, 2, 2);
        assertThat(r.critiques()).hasSize(12);
        assertThat(r.baseline().winner()).isEqualTo("b");
        assertThat(r.baseline().share()).isEqualTo(0.6667);
        assertThat(r.baseline().votes()).hasSize(3);
        assertThat(r.participants()).extracting(p -> p.agent() + "/" + p.model()).containsExactly("a/model-1.0.0",
                "b/model-1.0.0", "c/model-1.0.0");
        assertThat(r.usage().inputTokens()).isEqualTo(6 * 10 + 9 * 5);
    }

    @Test
    void everyAgentCritiquesEveryOtherProposalAndNeverItsOwn() {
        ScriptedAgent a = h.agent("a", "a");
        ScriptedAgent b = h.agent("b", "a");
        ScriptedAgent c = h.agent("c", "a");
        h.run(Harness.spec("a", "b", "c").rounds(1).build());

        assertThat(a.critiques).extracting(CritiqueRequest::target).containsExactly("b", "c");
        assertThat(b.critiques).extracting(CritiqueRequest::target).containsExactly("a", "c");
        assertThat(c.critiques).extracting(CritiqueRequest::target).containsExactly("a", "b");
        assertThat(a.critiques.get(0).proposal()).startsWith("b round 1");
    }

    @Test
    void revisionsCarryThePreviousProposalAndTheCritiquesItReceived() {
        ScriptedAgent a = h.agent("a", "a");
        h.agent("b", "a");
        h.agent("c", "b");
        h.run(Harness.spec("a", "b", "c").rounds(2).minRounds(2).build());

        assertThat(a.proposals.get(0).isRevision()).isFalse();
        assertThat(a.proposals.get(1).previous()).startsWith("a round 1");
        assertThat(a.proposals.get(1).critiques()).extracting(Critique::agent).containsExactly("b", "c");
        assertThat(a.proposals.get(1).critiques()).allSatisfy(cr -> assertThat(cr.target()).isEqualTo("a"));
        assertThat(a.votes.get(0).baseline()).isTrue();
        assertThat(a.votes.get(1).baseline()).isFalse();
        assertThat(a.votes.get(1).proposals()).containsOnlyKeys("a", "b", "c");
    }

    @Test
    void theDebateStopsEarlyOnceConsensusIsReachedAfterMinRounds() {
        h.agent("a", "a");
        h.agent("b", "a");
        h.agent("c", "a");
        assertThat(h.run(Harness.spec("a", "b", "c").rounds(5).minRounds(1).build()).roundsUsed()).isEqualTo(1);
        assertThat(h.run(Harness.spec("a", "b", "c").rounds(5).minRounds(3).build()).roundsUsed()).isEqualTo(3);
    }

    @Test
    void withoutConsensusEveryRoundRuns() {
        h.agent("a", "a");
        h.agent("b", "b");
        h.agent("c", "c");
        DebateResult r = h.run(Harness.spec("a", "b", "c").rounds(3).build());
        assertThat(r.roundsUsed()).isEqualTo(3);
        assertThat(r.status()).isEqualTo(DebateStatus.COMPLETED);
        assertThat(r.consensusReached()).isFalse();
        assertThat(r.winner()).as("a three-way tie goes to the first agent").isEqualTo("a");
        assertThat(r.verdict()).isEqualTo(Verdict.REJECTED);
    }

    @Test
    void eventsAreNumberedFromOneAndStoredBeforeTheyAreAnnounced() {
        h.agent("a", "a");
        h.agent("b", "a");
        h.arena.addListener(event -> assertThat(h.store.events.get(event.debateId())).as("stored before announced")
                .contains(event));
        DebateResult r = h.run(Harness.spec("a", "b").rounds(1).build());

        List<DebateEvent> events = h.announced;
        assertThat(events).extracting(DebateEvent::seq)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, events.size()).mapToObj(i -> (long) i).toList());
        assertThat(events).extracting(DebateEvent::type).containsExactly(EventType.DEBATE_START, EventType.ROUND_START,
                EventType.AGENT_MESSAGE, EventType.AGENT_MESSAGE, EventType.VOTE, EventType.VOTE, EventType.CRITIQUE,
                EventType.CRITIQUE, EventType.VOTE, EventType.VOTE, EventType.CONSENSUS, EventType.DEBATE_END);
        assertThat(events.get(4).data()).containsEntry("baseline", true).containsEntry("choice", "a");
        assertThat(events.get(10).data()).containsEntry("reached", true).containsEntry("winner", "a");
        assertThat(events.get(11).data()).containsEntry("status", "consensus_reached").containsEntry("receipt_id", "rcpt-1");
        assertThat(h.store.events.get(r.id())).isEqualTo(events);
        assertThat(h.store.messages.get(r.id())).isEqualTo(r.messages());
        assertThat(h.store.log).containsSubsequence("create " + r.id(), "status " + r.id() + " running 0",
                "complete " + r.id() + " consensus_reached");
        assertThat(h.store.results.get(r.id()).receiptId()).as("the receipt is stored with the result").isEqualTo("rcpt-1");
    }

    @Test
    void aListenerThatThrowsNeitherFailsTheDebateNorSilencesOthers() {
        h.agent("a", "a");
        h.agent("b", "a");
        h.arena.addListener(event -> {
            throw new IllegalStateException("broken listener");
        });
        DebateResult r = h.run(Harness.spec("a", "b").rounds(1).build());
        assertThat(r.status()).isEqualTo(DebateStatus.CONSENSUS_REACHED);
        assertThat(h.announced).isNotEmpty();
    }

    @Test
    void oneAgentsFailureIsRecordedAndTheOthersGoOn() {
        h.agent("a", "b");
        h.agent("b", "b");
        h.agent("c", "b").failing("HTTP 503");
        DebateResult r = h.run(Harness.spec("a", "b", "c").rounds(1).build());

        assertThat(r.status()).isEqualTo(DebateStatus.CONSENSUS_REACHED);
        assertThat(r.failures()).extracting(AgentFailure::phase).containsExactly("propose", "baseline_vote", "critique",
                "critique", "vote");
        assertThat(r.failures()).allSatisfy(f -> {
            assertThat(f.agent()).isEqualTo("c");
            assertThat(f.kind()).isEqualTo(AgentException.Kind.UNAVAILABLE);
            assertThat(f.message()).isEqualTo("HTTP 503");
        });
        assertThat(r.critiques()).as("nobody critiques a proposal that was never made").extracting(Critique::target)
                .containsOnly("a", "b");
        assertThat(h.announced).filteredOn(e -> e.type() == EventType.AGENT_FAILURE).hasSize(5);
    }

    @Test
    void anAgentThatThrowsInsteadOfAnsweringIsIsolatedToo() {
        h.agent("a", "a");
        h.agent("b", "a");
        ScriptedAgent c = h.agent("c", "a");
        c.onCritique = r -> {
            throw new IllegalStateException("bug in agent");
        };
        DebateResult r = h.run(Harness.spec("a", "b", "c").rounds(1).build());
        assertThat(r.failures()).hasSize(2).allSatisfy(f -> assertThat(f.message()).contains("bug in agent"));
        assertThat(r.status()).isEqualTo(DebateStatus.CONSENSUS_REACHED);
    }

    @Test
    void aVoteForAnAgentWithoutAProposalIsInvalid() {
        h.agent("a", "a");
        h.agent("b", "a");
        h.agent("c", "nobody");
        DebateResult r = h.run(Harness.spec("a", "b", "c").rounds(1).build());
        assertThat(r.failures()).extracting(AgentFailure::kind).containsOnly(AgentException.Kind.UNPARSEABLE);
        assertThat(r.consensus().supportingAgents()).containsExactly("a", "b");
        assertThat(r.consensus().dissentingAgents()).isEmpty();
        assertThat(r.confidence()).as("share of valid votes").isEqualTo(1.0);
    }

    @Test
    void tooFewValidVotesIsInsufficientParticipation() {
        h.agent("a", "a");
        h.agent("b", "a").failing("down");
        h.agent("c", "a").failing("down");
        h.agent("d", "a").failing("down");
        DebateResult r = h.run(Harness.spec("a", "b", "c", "d").rounds(1).build());

        assertThat(r.status()).isEqualTo(DebateStatus.INSUFFICIENT_PARTICIPATION);
        assertThat(r.confidence()).isZero();
        assertThat(r.consensusReached()).isFalse();
        assertThat(r.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(r.messages().get(r.messages().size() - 1).content()).contains("1 valid votes of 4 agents", "needs 2");
        assertThat(h.ratings.recorded).isEmpty();
        assertThat(h.receipts.issued).as("a quorum failure is still a decision to sign").hasSize(1);
    }

    @Test
    void noProposalAtAllFailsTheDebate() {
        h.agent("a", "a").failing("down");
        h.agent("b", "a").failing("down");
        DebateResult r = h.run(Harness.spec("a", "b").build());
        assertThat(r.status()).isEqualTo(DebateStatus.FAILED);
        assertThat(r.verdict()).isNull();
        assertThat(h.receipts.issued).isEmpty();
        assertThat(h.announced.get(h.announced.size() - 1).type()).isEqualTo(EventType.DEBATE_END);
    }

    @Test
    void unknownAgentsAreNamed() {
        h.agent("a", "a");
        assertThatThrownBy(() -> h.start(Harness.spec("a", "ghost", "phantom").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("unknown agents: ghost, phantom");
        assertThatThrownBy(() -> h.start(Harness.spec("a", "ghost").build())).hasMessageStartingWith("unknown agent: ghost");
        assertThat(h.store.records).isEmpty();
    }

    @Test
    void convergenceComparesEachRevisionWithItsPredecessor() {
        ScriptedAgent a = h.agent("a", "a");
        ScriptedAgent b = h.agent("b", "b");
        String base = "keep retries bounded with jitter [1], 3 attempts, 100 ms base delay and a 30% cap (source: 2024 review)";
        a.onPropose = r -> ScriptedAgent.done(new Proposal("a", base + (r.turn().round() == 3 ? " and alerts" : ""), null));
        b.onPropose = r -> ScriptedAgent.done(new Proposal("b", r.turn().round() == 1 ? base
                : "replace the client entirely with a queue, drop synchronous calls, move to events", null));
        DebateResult r = h.run(Harness.spec("a", "b").rounds(3).build());

        List<DebateEvent> convergence = h.announced.stream().filter(e -> e.type() == EventType.CONVERGENCE_DETECTED).toList();
        assertThat(convergence).extracting(e -> e.data().get("status")).containsExactly("diverging", "converged");
        assertThat(r.convergence()).isEqualTo(Convergence.CONVERGED);
    }

    @Test
    void usageSumsTokensAndCostAndTheModelThatAnswered() {
        ScriptedAgent a = h.agent("a", "a");
        h.agent("b", "a");
        a.onPropose = r -> ScriptedAgent.done(new Proposal("a", "a plan with data: 40% fewer retries [2]",
                new ai.aragora.api.agent.Usage(100, 50, 0.25, "fallback-model")));
        DebateResult r = h.run(Harness.spec("a", "b").rounds(1).build());
        assertThat(r.participants().get(0).model()).isEqualTo("fallback-model");
        assertThat(r.usage().costUsd()).isEqualTo(0.25 + 0.001);
    }

    @Test
    void cancellingEndsTheDebateWithItsTranscript() {
        h.agent("a", "a");
        ScriptedAgent b = h.agent("b", "a");
        CompletableFuture<Vote> never = new CompletableFuture<>();
        b.onVote = r -> never;
        DebateHandle handle = h.start(Harness.spec("a", "b").build());
        assertThat(handle.status()).isEqualTo(DebateStatus.RUNNING);
        assertThat(h.arena.running(handle.id())).isPresent();

        assertThat(h.arena.cancel(handle.id())).isTrue();
        DebateResult r = handle.result().toCompletableFuture().getNow(null);
        assertThat(r.status()).isEqualTo(DebateStatus.CANCELLED);
        assertThat(r.messages()).as("completed phases only").extracting(Message::role).containsExactly("proposer", "proposer", "system");
        assertThat(r.messages().get(r.messages().size() - 1).content()).isEqualTo("The debate was cancelled.");
        assertThat(h.store.results.get(handle.id()).status()).isEqualTo(DebateStatus.CANCELLED);
        assertThat(h.arena.running(handle.id())).isEmpty();
        assertThat(h.arena.cancel(handle.id())).isFalse();
        never.complete(new Vote("b", "a", 1, 0.5, "", false, null));
        assertThat(handle.result().toCompletableFuture().getNow(null).status()).isEqualTo(DebateStatus.CANCELLED);
    }

    @Test
    void aSlowAgentTimesOutAndTheDebateGoesOn() {
        h.agent("a", "a");
        h.agent("b", "a");
        ScriptedAgent slow = h.agent("c", "a");
        slow.onCritique = r -> new CompletableFuture<>();
        DebateHandle handle = h.start(Harness.spec("a", "b", "c").rounds(1).agentTimeout(java.time.Duration.ofSeconds(30)).build());
        assertThat(handle.result().toCompletableFuture().isDone()).isFalse();

        h.clock.advanceSeconds(29);
        assertThat(handle.result().toCompletableFuture().isDone()).isFalse();
        h.clock.advanceSeconds(1);
        DebateResult r = handle.result().toCompletableFuture().getNow(null);
        assertThat(r.status()).isEqualTo(DebateStatus.CONSENSUS_REACHED);
        assertThat(r.failures()).hasSize(2).allSatisfy(f -> {
            assertThat(f.kind()).isEqualTo(AgentException.Kind.TIMEOUT);
            assertThat(f.phase()).isEqualTo("critique");
            assertThat(f.message()).isEqualTo("no answer within 30 s");
        });
        assertThat(h.clock.pending()).as("no timer left behind").isZero();
    }

    @Test
    void theDebateTimeLimitDecidesOnTheLastCompletedVote() {
        h.agent("a", "a");
        h.agent("b", "a");
        ScriptedAgent c = h.agent("c", "a");
        c.onPropose = r -> r.turn().round() == 1 ? ScriptedAgent.done(new Proposal("c", "c: 2 weeks, 5% [1]", null))
                : new CompletableFuture<>();
        DebateHandle handle = h.start(Harness.spec("a", "b", "c").rounds(3).minRounds(3)
                .debateTimeout(java.time.Duration.ofSeconds(60)).build());
        h.clock.advanceSeconds(60);
        DebateResult r = handle.result().toCompletableFuture().getNow(null);
        assertThat(r.status()).isEqualTo(DebateStatus.CONSENSUS_REACHED);
        assertThat(r.roundsUsed()).isEqualTo(2);
        assertThat(r.messages()).anySatisfy(m -> assertThat(m.content()).contains("time limit of 60 s"));
    }

    @Test
    void aStoreThatRefusesAWriteFailsTheDebateWithoutAnnouncingIt() {
        h.agent("a", "a");
        h.agent("b", "a");
        h.store.refuseAppends = true;
        DebateResult r = h.run(Harness.spec("a", "b").build());
        assertThat(r.status()).isEqualTo(DebateStatus.FAILED);
        assertThat(h.announced).isEmpty();
        assertThat(h.store.results.get(r.id()).status()).isEqualTo(DebateStatus.FAILED);
    }

    @Test
    void writesGoOutOneAtATimeInOrderAndNothingIsAnnouncedBeforeItIsDurable() {
        h.agent("a", "a");
        h.agent("b", "a");
        h.store.hold = true;
        DebateHandle handle = h.start(Harness.spec("a", "b").rounds(1).build());
        assertThat(h.announced).isEmpty();
        assertThat(h.store.log).containsExactly("create " + handle.id());
        int released = 0;
        while (!handle.result().toCompletableFuture().isDone()) {
            List<CompletableFuture<Void>> waiting = List.copyOf(h.store.held);
            h.store.held.clear();
            assertThat(waiting).as("writes waiting at once").hasSize(1);
            List<DebateEvent> announced = List.copyOf(h.announced);
            List<DebateEvent> stored = h.store.events.get(handle.id());
            assertThat(stored.size()).as("announced only what is stored").isGreaterThanOrEqualTo(announced.size());
            assertThat(stored.subList(0, announced.size())).isEqualTo(announced);
            waiting.get(0).complete(null);
            released++;
        }
        assertThat(released).as("the debate went on while its writes were held").isGreaterThan(3);
        assertThat(h.announced).isEqualTo(h.store.events.get(handle.id()));
        assertThat(handle.result().toCompletableFuture().getNow(null).status()).isEqualTo(DebateStatus.CONSENSUS_REACHED);
    }

    @Test
    void agentsAreAskedForTheNextPhaseWhileTheLastOneIsBeingWritten() {
        ScriptedAgent a = h.agent("a", "a");
        h.agent("b", "a");
        h.store.hold = true;
        DebateHandle handle = h.start(Harness.spec("a", "b").rounds(1).build());
        h.store.held.remove(0).complete(null);
        assertThat(h.store.held).as("the first write after the create is held").hasSize(1);
        assertThat(a.critiques).as("critiques asked for meanwhile").isNotEmpty();
        assertThat(a.votes).as("votes asked for meanwhile").isNotEmpty();
        assertThat(h.announced).isEmpty();
        h.store.release();
        assertThat(handle.result().toCompletableFuture().getNow(null).status()).isEqualTo(DebateStatus.CONSENSUS_REACHED);
    }

    @Test
    void ratingsAndReceiptsFollowEveryDecidedDebate() {
        h.agent("a", "b");
        h.agent("b", "b");
        h.agent("c", "a");
        DebateResult r = h.run(Harness.spec("a", "b", "c").rounds(1).metadata(Map.of("domain", "ops")).build());

        assertThat(h.ratings.recorded).singleElement().satisfies(rated -> assertThat(rated.id()).isEqualTo(r.id()));
        assertThat(r.receiptId()).isEqualTo("rcpt-1");
        assertThat(h.store.results.get(r.id()).receiptId()).as("stored with its result").isEqualTo("rcpt-1");
        var decision = h.receipts.issued.get(0);
        assertThat(decision.debateId()).isEqualTo(r.id());
        assertThat(decision.verdict().name()).isEqualTo(r.verdict().name());
        assertThat(decision.finalAnswer()).contains(r.finalAnswer());
        assertThat(decision.consensus().method()).isEqualTo("majority");
        assertThat(decision.consensus().confidence()).contains(0.6667);
        assertThat(decision.supportingAgents()).containsExactly("a", "b");
        assertThat(decision.dissent()).singleElement().satisfies(d -> {
            assertThat(d.agent()).isEqualTo("c");
            assertThat(d.view()).startsWith("c round 1 proposes");
        });
        assertThat(decision.participants()).extracting(p -> p.agent() + ":" + p.modelFamily() + ":" + p.modelId())
                .containsExactly("a:scripted:model-1.0.0", "b:scripted:model-1.0.0", "c:scripted:model-1.0.0");
        assertThat(decision.baseline()).hasValueSatisfying(b -> assertThat(b.winner()).isEqualTo("b"));
        assertThat(decision.usage().inputTokens()).isEqualTo(r.usage().inputTokens());
        assertThat(decision.reasoningSummary()).hasValue("majority vote after 1 round: 2 of 3 valid votes backed b's proposal;"
                + " consensus reached.");
    }

    @Test
    void aReceiptFailureDoesNotFailTheDebate() {
        h.agent("a", "a");
        h.agent("b", "a");
        h.receipts.broken = true;
        DebateResult r = h.run(Harness.spec("a", "b").build());
        assertThat(r.status()).isEqualTo(DebateStatus.CONSENSUS_REACHED);
        assertThat(r.receiptId()).isNull();
    }
}
