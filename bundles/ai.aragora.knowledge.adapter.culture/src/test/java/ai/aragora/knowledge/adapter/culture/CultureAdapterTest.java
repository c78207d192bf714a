package ai.aragora.knowledge.adapter.culture;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.knowledge.Learned;
import ai.aragora.api.knowledge.NewNode;
import ai.aragora.storage.jdbc.Fixtures;

class CultureAdapterTest {

    private static final Instant T = Fixtures.T0;
    private final CultureAdapter adapter = new CultureAdapter();

    @Test
    void eachDebateStatesItsOrgsPatternsInSentencesThatRepeatSoStrengthCountsThem() {
        Learned first = adapter.forward(Fixtures.result("d1", "acme", T), Optional.empty());
        DebateResult base = Fixtures.result("d2", "acme", T);
        DebateResult unanimous = new DebateResult(base.id(), base.spec(), base.status(), base.finalAnswer(), base.consensus(), base.verdict(),
                3, 1, base.participants(), base.winner(), List.of(), base.messages(), base.critiques(), base.votes(), base.baseline(),
                base.convergence(), 0, base.failures(), base.usage(), T, T, null);
        Learned second = adapter.forward(unanimous, Optional.empty());

        assertThat(first.nodes()).extracting(NewNode::content).containsExactly(
                "Debates of org acme decide by weighted consensus", "Debates of org acme end approved with conditions",
                "Debates of org acme take 2 rounds", "Debates of org acme decide with dissent on record");
        assertThat(second.nodes()).extracting(NewNode::content).containsExactly(
                "Debates of org acme decide by weighted consensus", "Debates of org acme end approved with conditions",
                "Debates of org acme take 3 rounds", "Debates of org acme decide without dissent");
        assertThat(second.nodes().get(0).contentHash()).isEqualTo(first.nodes().get(0).contentHash());
        assertThat(first.nodes()).extracting(n -> n.metadata().get("culture")).containsExactly("consensus_mode", "verdict", "rounds", "dissent");
    }

    @Test
    void anUndecidedDebateTeachesNothing() {
        DebateResult base = Fixtures.result("d1", "acme", T);
        DebateResult undecided = new DebateResult(base.id(), base.spec(), base.status(), null, base.consensus(), null, 1, 1, base.participants(),
                null, List.of(), List.of(), List.of(), base.votes(), null, null, 0, List.of(), null, T, T, null);
        assertThat(adapter.forward(undecided, Optional.empty())).isEqualTo(Learned.NOTHING);
    }
}
