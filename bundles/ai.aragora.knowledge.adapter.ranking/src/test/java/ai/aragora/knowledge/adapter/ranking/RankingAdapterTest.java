package ai.aragora.knowledge.adapter.ranking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.knowledge.Learned;
import ai.aragora.api.knowledge.NewNode;
import ai.aragora.api.knowledge.NodeKind;
import ai.aragora.api.knowledge.RelationType;
import ai.aragora.storage.jdbc.Fixtures;

class RankingAdapterTest {

    private static final Instant T = Fixtures.T0;
    private final RankingAdapter adapter = new RankingAdapter();

    @Test
    void theWinnerIsStrongInTheDomainAndItsBackersJudgeWellAndBothSentencesRepeatAcrossDebates() {
        Learned first = adapter.forward(Fixtures.result("d1", "acme", T), Optional.empty());
        Learned second = adapter.forward(Fixtures.result("d2", "acme", T.plusSeconds(60)), Optional.empty());

        assertThat(first.nodes()).extracting(NewNode::content).containsExactly(
                "demo-supportive is strong in general debates: debates of the domain decided its proposal",
                "demo-critical judges well in general debates: it backed the proposals they decided");
        assertThat(first.nodes()).allSatisfy(n -> assertThat(n.kind()).isEqualTo(NodeKind.RANKING));
        assertThat(first.nodes().get(0).confidence()).isEqualTo(0.85);
        assertThat(first.nodes().get(1).confidence()).isEqualTo(0.8);
        assertThat(first.links()).containsExactly(new Learned.Link(1, 0, RelationType.SUPPORTS));
        assertThat(second.nodes()).extracting(NewNode::contentHash).as("one node per agent and domain, strengthened by each debate")
                .containsExactlyElementsOf(first.nodes().stream().map(NewNode::contentHash).toList());
        assertThat(second.nodes().get(0).provenance().debateId()).isEqualTo("d2");
    }

    @Test
    void aDebateWithoutAWinnerTeachesNothing() {
        DebateResult base = Fixtures.result("d1", "acme", T);
        DebateResult undecided = new DebateResult(base.id(), base.spec(), base.status(), null, base.consensus(), null, 1, 1, base.participants(),
                null, List.of(), List.of(), List.of(), base.votes(), null, null, 0, List.of(), null, T, T, null);
        assertThat(adapter.forward(undecided, Optional.empty())).isEqualTo(Learned.NOTHING);
    }
}
