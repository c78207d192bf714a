package ai.aragora.debate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import ai.aragora.api.agent.AgentException;
import ai.aragora.api.agent.Proposal;
import ai.aragora.api.agent.Synthesis;
import ai.aragora.api.debate.ConsensusMode;
import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.debate.DebateStatus;
import ai.aragora.api.debate.Message;
import ai.aragora.api.debate.Verdict;
import ai.aragora.api.event.EventType;

/** Each consensus mode, through whole debates. */
class ConsensusModesTest {

    private final Harness h = new Harness();

    private DebateResult debate(ConsensusMode mode, String... votes) {
        String[] names = new String[votes.length];
        for (int i = 0; i < votes.length; i++) {
            names[i] = "agent-" + (char) ('a' + i);
            h.agent(names[i], "agent-" + votes[i]);
        }
        return h.run(Harness.spec(names).rounds(1).consensus(mode).build());
    }

    @Test
    void majorityAtTheDefaultThreshold() {
        DebateResult r = debate(ConsensusMode.MAJORITY, "a", "a", "b");
        assertThat(r.consensusReached()).isTrue();
        assertThat(r.consensus().method()).isEqualTo(ConsensusMode.MAJORITY);
    }

    @Test
    void majorityWithAConfiguredThreshold() {
        h.agent("a", "a");
        h.agent("b", "a");
        h.agent("c", "b");
        DebateResult r = h.run(Harness.spec("a", "b", "c").rounds(1).threshold(0.75).build());
        assertThat(r.consensusReached()).isFalse();
        assertThat(r.status()).isEqualTo(DebateStatus.COMPLETED);
        assertThat(r.verdict()).isEqualTo(Verdict.NEEDS_REVIEW);
        assertThat(r.winner()).as("the leader still leads").isEqualTo("a");
    }

    @Test
    void supermajorityNeedsTwoThirds() {
        assertThat(debate(ConsensusMode.SUPERMAJORITY, "a", "a", "a", "b", "b").consensusReached()).isFalse();
    }

    @Test
    void unanimousWithoutDissentAndHighConfidenceIsApproved() {
        DebateResult r = debate(ConsensusMode.UNANIMOUS, "c", "c", "c");
        assertThat(r.consensusReached()).isTrue();
        assertThat(r.confidence()).isEqualTo(1.0);
        assertThat(r.consensus().dissentingAgents()).isEmpty();
        assertThat(r.verdict()).isEqualTo(Verdict.APPROVED);
    }

    @Test
    void unanimousFailsOnOneDissenter() {
        assertThat(debate(ConsensusMode.UNANIMOUS, "c", "c", "a").consensusReached()).isFalse();
    }

    @Test
    void anyAgreementOfTwoIsEnough() {
        DebateResult r = debate(ConsensusMode.ANY, "a", "a", "b", "c", "d");
        assertThat(r.consensusReached()).isTrue();
        assertThat(r.confidence()).isEqualTo(0.4);
        assertThat(r.verdict()).isEqualTo(Verdict.APPROVED_WITH_CONDITIONS);
    }

    @Test
    void weightedVotesCountByRatingAndCalibration() {
        h.ratings.weights.put("a", 4.0);
        h.ratings.weights.put("c", 99.0);
        h.agent("a", "a");
        h.agent("b", "b");
        h.agent("c", "b");
        h.agent("d", "b");
        DebateResult r = h.run(Harness.spec("a", "b", "c", "d").rounds(1).consensus(ConsensusMode.WEIGHTED).build());
        // weights a 4, b 1, c clamped to 5, d 1: b leads with 7 of 11
        assertThat(r.winner()).isEqualTo("b");
        assertThat(r.confidence()).isEqualTo(0.6364);
        assertThat(r.consensusReached()).isTrue();

        DebateResult plain = h.run(Harness.spec("a", "b", "c", "d").rounds(1).build());
        assertThat(plain.confidence()).as("unweighted elsewhere").isEqualTo(0.75);
    }

    @Test
    void calibratedConfidenceBreaksTiesAndIsReportedBesideTheStatedOne() {
        h.ratings.calibration.put("b", 0.95);
        h.agent("a", "a");
        h.agent("b", "b");
        DebateResult r = h.run(Harness.spec("a", "b").rounds(1).build());
        assertThat(r.winner()).isEqualTo("b");
        assertThat(r.consensusReached()).isFalse();
        assertThat(r.votes()).allSatisfy(v -> assertThat(v.confidence()).as("as stated").isEqualTo(0.8));
        assertThat(h.announced).filteredOn(e -> e.type() == EventType.VOTE && "b".equals(e.agent()))
                .allSatisfy(e -> assertThat(e.data()).containsEntry("calibrated_confidence", 0.95));
    }

    @Test
    void noneDecidesNothingAndLaysTheProposalsSideBySide() {
        h.agent("a", "a");
        h.agent("b", "a");
        DebateResult r = h.run(Harness.spec("a", "b").rounds(2).consensus(ConsensusMode.NONE).build());
        assertThat(r.roundsUsed()).as("never stops early").isEqualTo(2);
        assertThat(r.consensusReached()).isFalse();
        assertThat(r.winner()).isNull();
        assertThat(r.finalAnswer()).startsWith("a: a round 2 proposes").contains("\n\nb: b round 2 proposes");
        assertThat(h.receipts.issued.get(0).consensus().confidence()).as("none measures no confidence").isEmpty();
    }

    @Test
    void judgeSynthesisesTheAnswer() {
        ScriptedAgent a = h.agent("a", "b");
        h.agent("b", "b");
        h.agent("c", "c");
        DebateResult r = h.run(Harness.spec("a", "b", "c").rounds(1).consensus(ConsensusMode.JUDGE).build());

        assertThat(a.syntheses).singleElement().satisfies(s -> {
            assertThat(s.proposals()).containsOnlyKeys("a", "b", "c");
            assertThat(s.critiques()).hasSize(6);
        });
        assertThat(r.finalAnswer()).startsWith("Synthesis: b round 1");
        assertThat(r.winner()).isEqualTo("b");
        assertThat(r.confidence()).isEqualTo(0.9);
        assertThat(r.consensusReached()).isTrue();
        assertThat(r.consensus().supportingAgents()).containsExactly("a", "b");
        assertThat(r.consensus().dissentingAgents()).containsExactly("c");
        assertThat(r.messages().get(r.messages().size() - 1)).extracting(Message::role, Message::agent).containsExactly("judge", "a");
        assertThat(h.receipts.issued.get(0).reasoningSummary()).hasValueSatisfying(s -> assertThat(s)
                .startsWith("Judge a synthesised the final answer after 1 round, adopting b's proposal."));
    }

    @Test
    void aNamedJudgeOutsideTheDebateAnswersAndIsDisclosed() {
        h.agent("a", "a");
        h.agent("b", "a");
        ScriptedAgent judge = h.agent("arbiter", "b");
        DebateResult r = h.run(Harness.spec("a", "b").rounds(1).consensus(ConsensusMode.JUDGE).judge("arbiter").build());
        assertThat(judge.syntheses).hasSize(1);
        assertThat(judge.proposals).isEmpty();
        assertThat(r.winner()).isEqualTo("b");
        assertThat(r.participants()).extracting(p -> p.agent()).containsExactly("a", "b", "arbiter");
    }

    @Test
    void aFailedJudgeFallsBackToMajority() {
        ScriptedAgent a = h.agent("a", "b");
        a.onSynthesize = r -> CompletableFuture.failedFuture(new AgentException(AgentException.Kind.REFUSED, "declined"));
        h.agent("b", "b");
        h.agent("c", "c");
        DebateResult r = h.run(Harness.spec("a", "b", "c").rounds(1).consensus(ConsensusMode.JUDGE).build());
        assertThat(r.consensusReached()).isTrue();
        assertThat(r.winner()).isEqualTo("b");
        assertThat(r.finalAnswer()).startsWith("b round 1");
        assertThat(r.consensus().method()).isEqualTo(ConsensusMode.JUDGE);
        assertThat(r.failures()).singleElement().satisfies(f -> assertThat(f.phase()).isEqualTo("judge"));
        assertThat(r.messages().get(r.messages().size() - 1).content())
                .isEqualTo("judge a failed (declined); decided by majority vote.");
    }

    @Test
    void withoutAMajorityTheFallbackIsAPlainCount() {
        ScriptedAgent a = h.agent("a", "a").failing("judge down");
        a.onPropose = r -> ScriptedAgent.done(new Proposal("a", "a: 3 retries, 100 ms [1]", null));
        a.onVote = r -> ScriptedAgent.done(new ai.aragora.api.agent.Vote("a", "a", 1, 0.9, "", false, null));
        h.agent("b", "a");
        h.agent("c", "c");
        h.agent("d", "d");
        h.agent("e", "e");
        DebateResult r = h.run(Harness.spec("a", "b", "c", "d", "e").rounds(1).consensus(ConsensusMode.JUDGE).build());
        assertThat(r.winner()).isEqualTo("a");
        assertThat(r.confidence()).isEqualTo(0.4);
        assertThat(r.consensusReached()).as("the count has a single leader").isTrue();
        assertThat(r.messages().get(r.messages().size() - 1).content()).endsWith("decided by a plain vote count.");
    }

    @Test
    void theJudgeIsNotAskedWithoutQuorum() {
        ScriptedAgent a = h.agent("a", "a");
        h.agent("b", "a").failing("down");
        h.agent("c", "a").failing("down");
        DebateResult r = h.run(Harness.spec("a", "b", "c").rounds(1).consensus(ConsensusMode.JUDGE).build());
        assertThat(r.status()).isEqualTo(DebateStatus.INSUFFICIENT_PARTICIPATION);
        assertThat(a.syntheses).isEmpty();
        assertThat(List.of(r.verdict())).containsExactly(Verdict.REJECTED);
    }
}
