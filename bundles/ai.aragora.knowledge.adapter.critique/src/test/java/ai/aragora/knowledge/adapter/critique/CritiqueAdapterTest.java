package ai.aragora.knowledge.adapter.critique;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import ai.aragora.api.agent.Critique;
import ai.aragora.api.agent.Usage;
import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.debate.DebateSpec;
import ai.aragora.api.knowledge.Learned;
import ai.aragora.api.knowledge.NewNode;
import ai.aragora.api.knowledge.NodeKind;
import ai.aragora.storage.jdbc.Fixtures;

class CritiqueAdapterTest {

    private final CritiqueAdapter adapter = new CritiqueAdapter();

    private static DebateResult with(List<Critique> critiques, Map<String, String> metadata) {
        DebateResult r = Fixtures.result("d1", "acme", Fixtures.T0);
        DebateSpec s = r.spec();
        DebateSpec spec = new DebateSpec(s.task(), s.context(), s.agents(), s.rounds(), s.minRounds(), s.consensus(), s.threshold(),
                s.judge(), s.seed(), s.agentTimeout(), s.debateTimeout(), s.orgId(), metadata);
        return new DebateResult(r.id(), spec, r.status(), r.finalAnswer(), r.consensus(), r.verdict(), r.roundsUsed(),
                r.durationSeconds(), r.participants(), r.winner(), r.dissentingViews(), r.messages(), critiques, r.votes(),
                r.baseline(), r.convergence(), 0, r.failures(), r.usage(), r.createdAt(), r.completedAt(), null);
    }

    private static Critique critique(String critic, int round, double severity, String... issues) {
        return new Critique(critic, "demo-supportive", round, List.of(issues), List.of(), severity, "", Usage.NONE);
    }

    @Test
    void eachDistinctIssueIsOnePatternOfItsDomainAtItsHighestSeverity() {
        Learned learned = adapter.forward(with(List.of(
                critique("a", 1, 4, "no rollback plan", "no load test"),
                critique("b", 2, 8, "  no rollback plan "),
                critique("c", 2, 0, "nothing wrong")), Map.of("domain", "ops")), Optional.empty());

        assertThat(learned.nodes()).extracting(NewNode::content)
                .containsExactly("Recurring critique (ops): no rollback plan", "Recurring critique (ops): no load test");
        assertThat(learned.nodes()).allSatisfy(n -> assertThat(n.kind()).isEqualTo(NodeKind.CRITIQUE_PATTERN));
        assertThat(learned.nodes().get(0).confidence()).isEqualTo(0.8);
        assertThat(learned.nodes().get(0).metadata()).containsEntry("severity", "8.0").containsEntry("domain", "ops");
        assertThat(learned.nodes().get(1).confidence()).isEqualTo(0.4);
    }

    @Test
    void withoutADomainPatternsAreGeneralAndADebateWithoutFindingsTeachesNothing() {
        assertThat(adapter.forward(with(List.of(critique("a", 1, 5, "vague")), Map.of()), Optional.empty()).nodes())
                .extracting(NewNode::content).containsExactly("Recurring critique (general): vague");
        assertThat(adapter.forward(with(List.of(critique("a", 1, 0, "fine")), Map.of()), Optional.empty())).isEqualTo(Learned.NOTHING);
    }
}
