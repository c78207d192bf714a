package ai.aragora.knowledge.adapter.belief;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.knowledge.Learned;
import ai.aragora.api.knowledge.NodeKind;
import ai.aragora.api.knowledge.RelationType;
import ai.aragora.api.receipt.OdrVersion;
import ai.aragora.api.receipt.Receipt;
import ai.aragora.storage.jdbc.Fixtures;

class BeliefAdapterTest {

    private static final String RECORD = "{\"cruxes\":[{\"decided\":\"demo-supportive\",\"decided_by\":[\"demo-supportive\"],"
            + "\"alternative\":\"demo-critical\",\"alternative_by\":[\"demo-critical\",\"demo-balanced\"],"
            + "\"separated_by\":{\"critic\":\"demo-critical\",\"target\":\"demo-supportive\",\"round\":2,\"severity\":7.5,"
            + "\"text\":\"no backoff cap\"}}]}";

    private final BeliefAdapter adapter = new BeliefAdapter();
    private final DebateResult result = Fixtures.result("d1", "acme", Fixtures.T0).withReceipt("rcpt-1");

    private static Receipt receipt(String record) {
        return new Receipt("rcpt-1", "d1", OdrVersion.V0_2, Fixtures.T0, "digest", "ed25519-0000000000000000", "{}",
                Optional.ofNullable(record));
    }

    @Test
    void theReceiptsCruxesAndTheDissentingViewsBecomeLinkedNodes() {
        Learned learned = adapter.forward(result, Optional.of(receipt(RECORD)));

        assertThat(learned.nodes()).hasSize(2);
        assertThat(learned.nodes().get(0)).satisfies(n -> {
            assertThat(n.kind()).isEqualTo(NodeKind.CRUX);
            assertThat(n.content()).contains("demo-critical's proposal (backed by demo-critical, demo-balanced)")
                    .contains("decided demo-supportive's").endsWith("separated by demo-critical: no backoff cap");
            assertThat(n.metadata()).containsEntry("severity", "7.5");
            assertThat(n.provenance().receiptId()).isEqualTo("rcpt-1");
        });
        assertThat(learned.nodes().get(1).kind()).isEqualTo(NodeKind.BELIEF);
        assertThat(learned.nodes().get(1).content()).endsWith(": cap first");
        assertThat(learned.links()).containsExactly(new Learned.Link(1, 0, RelationType.SUPPORTS));
    }

    @Test
    void withoutAReceiptOnlyTheDissentRemainsAndAnUnreadableRecordIsAnError() {
        assertThat(adapter.forward(result, Optional.empty()).nodes()).singleElement()
                .satisfies(n -> assertThat(n.kind()).isEqualTo(NodeKind.BELIEF));
        assertThat(adapter.forward(result, Optional.of(receipt(null))).links()).isEmpty();
        assertThatThrownBy(() -> adapter.forward(result, Optional.of(receipt("{\"cruxes\": [")))).hasMessageContaining("rcpt-1");
    }
}
