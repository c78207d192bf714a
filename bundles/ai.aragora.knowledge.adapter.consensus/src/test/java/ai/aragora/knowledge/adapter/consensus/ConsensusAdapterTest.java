package ai.aragora.knowledge.adapter.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.debate.DebateStatus;
import ai.aragora.api.knowledge.Learned;
import ai.aragora.api.knowledge.NodeKind;
import ai.aragora.storage.jdbc.Fixtures;

class ConsensusAdapterTest {

    private final ConsensusAdapter adapter = new ConsensusAdapter();

    @Test
    void aDecidedDebateBecomesOneNodeWithTheQuestionTheAnswerAndItsReceipt() {
        DebateResult r = Fixtures.result("d1", "acme", Fixtures.T0).withReceipt("rcpt-1");

        Learned learned = adapter.forward(r, Optional.empty());

        assertThat(learned.nodes()).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(NodeKind.CONSENSUS);
            assertThat(n.orgId()).isEqualTo("acme");
            assertThat(n.content()).startsWith("Question: " + r.spec().task()).endsWith("Ship with a 30 s cap.")
                    .contains("approved with conditions, confidence 0.85");
            assertThat(n.confidence()).isEqualTo(0.85);
            assertThat(n.metadata()).containsEntry("verdict", "approved_with_conditions").containsEntry("receipt_id", "rcpt-1")
                    .containsEntry("method", "weighted").containsEntry("winner", "demo-supportive");
            assertThat(n.provenance().debateId()).isEqualTo("d1");
            assertThat(n.provenance().receiptId()).isEqualTo("rcpt-1");
            assertThat(n.provenance().adapter()).isEqualTo("consensus");
        });
        assertThat(adapter.forward(r, Optional.empty())).isEqualTo(learned);
    }

    @Test
    void aDebateThatDecidedNothingTeachesNothing() {
        DebateResult r = Fixtures.result("d1", "acme", Fixtures.T0);
        DebateResult undecided = new DebateResult(r.id(), r.spec(), DebateStatus.CANCELLED, null, null, null, 1, 1, r.participants(),
                null, r.dissentingViews(), r.messages(), r.critiques(), r.votes(), null, null, 0, r.failures(), r.usage(), r.createdAt(),
                r.completedAt(), null);

        assertThat(adapter.forward(undecided, Optional.empty())).isEqualTo(Learned.NOTHING);
    }
}
