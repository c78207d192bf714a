package ai.aragora.knowledge.adapter.consensus;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;

import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.knowledge.DebateAdapter;
import ai.aragora.api.knowledge.DebateKnowledge;
import ai.aragora.api.knowledge.KnowledgeAdapter;
import ai.aragora.api.knowledge.Learned;
import ai.aragora.api.knowledge.NodeKind;
import ai.aragora.api.receipt.Receipt;

/**
 * A decided debate's outcome as one consensus node: the question and the answer it settled on,
 * so that a later debate on the same question finds it; the verdict, confidence, method and
 * receipt as metadata. Debates that decided nothing (no answer, no verdict) teach it nothing.
 */
@Component(service = KnowledgeAdapter.class)
public class ConsensusAdapter extends DebateAdapter {

    static final String NAME = "consensus";

    public ConsensusAdapter() {
        super(NAME, NodeKind.CONSENSUS);
    }

    @Override
    public Learned forward(DebateResult r, Optional<Receipt> receipt) {
        if (r.verdict() == null || r.finalAnswer() == null || r.finalAnswer().isBlank()) {
            return Learned.NOTHING;
        }
        String content = "Question: " + r.spec().task().strip() + "\nDecision (" + r.verdict().wire().replace('_', ' ')
                + String.format(Locale.ROOT, ", confidence %.2f", r.confidence()) + "): " + r.finalAnswer().strip();
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("verdict", r.verdict().wire());
        metadata.put("domain", DebateKnowledge.domain(r.spec()));
        metadata.put("consensus_reached", String.valueOf(r.consensusReached()));
        if (r.consensus() != null) {
            metadata.put("method", r.consensus().method().wire());
        }
        if (r.winner() != null) {
            metadata.put("winner", r.winner());
        }
        if (r.receiptId() != null) {
            metadata.put("receipt_id", r.receiptId());
        }
        return new Learned(List.of(node(r, NodeKind.CONSENSUS, content, r.confidence(), metadata)), List.of());
    }
}
