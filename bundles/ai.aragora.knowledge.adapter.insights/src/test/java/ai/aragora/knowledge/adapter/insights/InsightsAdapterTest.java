package ai.aragora.knowledge.adapter.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import ai.aragora.api.agent.Usage;
import ai.aragora.api.agent.Vote;
import ai.aragora.api.debate.BaselineVote;
import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.knowledge.Learned;
import ai.aragora.api.knowledge.NewNode;
import ai.aragora.storage.jdbc.Fixtures;

class InsightsAdapterTest {

    private static final Instant T = Fixtures.T0;
    private final InsightsAdapter adapter = new InsightsAdapter();

    private static DebateResult with(DebateResult r, List<Vote> votes, BaselineVote baseline, int trickster) {
        return new DebateResult(r.id(), r.spec(), r.status(), r.finalAnswer(), r.consensus(), r.verdict(), r.roundsUsed(), r.durationSeconds(),
                r.participants(), r.winner(), r.dissentingViews(), r.messages(), r.critiques(), votes, baseline, r.convergence(),
                trickster, r.failures(), r.usage(), r.createdAt(), r.completedAt(), r.receiptId(), r.priorKnowledge());
    }

    @Test
    void tricksterInterventionsVoteFlipsAndAnOverturnedFirstVoteAreInsights() {
        DebateResult base = Fixtures.result("d1", "acme", T);
        List<Vote> votes = List.of(
                new Vote("demo-critical", "demo-critical", 1, 0.7, "", false, Usage.NONE),
                new Vote("demo-supportive", "demo-supportive", 1, 0.9, "", false, Usage.NONE),
                new Vote("demo-critical", "demo-supportive", 2, 0.8, "", false, Usage.NONE),
                new Vote("demo-supportive", "demo-supportive", 2, 0.9, "", false, Usage.NONE));
        String task = base.spec().task();

        Learned learned = adapter.forward(with(base, votes, new BaselineVote("demo-critical", 0.6, List.of()), 2), Optional.empty());

        assertThat(learned.nodes()).extracting(NewNode::content).containsExactly(
                "The trickster intervened 2 times in the debate on \"" + task + "\": the agents agreed on too little evidence"
                        + " (hollow consensus); it ended approved with conditions with confidence 0.85",
                "demo-critical changed its vote in the debate on \"" + task + "\": from demo-critical's proposal (round 1) to"
                        + " demo-supportive's (round 2), the one decided",
                "The independent first vote on \"" + task + "\" favoured demo-critical's proposal (60 % of the votes); the debate decided demo-supportive's");
        assertThat(learned.nodes()).extracting(n -> n.metadata().get("insight")).containsExactly("trickster", "vote_flip", "baseline_overturned");
        assertThat(learned.nodes().get(1).provenance().agent()).isEqualTo("demo-critical");
        assertThat(learned.nodes().get(1).metadata()).containsEntry("from", "demo-critical").containsEntry("to", "demo-supportive");
    }

    @Test
    void aDebateWithoutAnyOfThemTeachesNothing() {
        DebateResult base = Fixtures.result("d1", "acme", T);
        assertThat(adapter.forward(with(base, base.votes(), base.baseline(), 0), Optional.empty())).isEqualTo(Learned.NOTHING);
    }
}
