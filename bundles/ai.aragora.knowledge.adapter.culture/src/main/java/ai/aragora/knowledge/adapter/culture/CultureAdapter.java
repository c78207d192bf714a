package ai.aragora.knowledge.adapter.culture;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;

import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.knowledge.DebateAdapter;
import ai.aragora.api.knowledge.KnowledgeAdapter;
import ai.aragora.api.knowledge.Learned;
import ai.aragora.api.knowledge.NewNode;
import ai.aragora.api.knowledge.NodeKind;
import ai.aragora.api.receipt.Receipt;

/**
 * An org's debating culture. Each decided debate states four patterns of its org, in sentences
 * that name no debate: how it reached its decision (the consensus mode), the verdict, the rounds
 * it took, and whether it decided with dissent. Alike sentences are one node per workspace, so
 * each pattern's {@code strength} counts the debates that showed it, and the strengths of one
 * aspect are the org's mix (verdict mix, dissent rate, typical rounds).
 */
@Component(service = KnowledgeAdapter.class)
public class CultureAdapter extends DebateAdapter {

    static final String NAME = "culture";
    /** A pattern is a fact about what happened; its weight is its strength. */
    static final double OBSERVED = 0.9;

    public CultureAdapter() {
        super(NAME, NodeKind.FACT);
    }

    @Override
    public Learned forward(DebateResult r, Optional<Receipt> receipt) {
        if (r.verdict() == null) {
            return Learned.NOTHING;
        }
        String org = r.spec().orgId();
        List<NewNode> nodes = new ArrayList<>();
        nodes.add(pattern(r, "consensus_mode", r.consensus() == null ? "unknown" : r.consensus().method().wire(),
                "Debates of org " + org + " decide by " + (r.consensus() == null ? "an unrecorded method"
                        : r.consensus().method().wire().replace('_', ' ') + " consensus")));
        nodes.add(pattern(r, "verdict", r.verdict().wire(), "Debates of org " + org + " end " + r.verdict().wire().replace('_', ' ')));
        nodes.add(pattern(r, "rounds", String.valueOf(r.roundsUsed()), "Debates of org " + org + " take " + r.roundsUsed()
                + (r.roundsUsed() == 1 ? " round" : " rounds")));
        boolean dissent = !r.dissentingViews().isEmpty();
        nodes.add(pattern(r, "dissent", String.valueOf(dissent), "Debates of org " + org + " decide "
                + (dissent ? "with dissent on record" : "without dissent")));
        return new Learned(nodes, List.of());
    }

    private NewNode pattern(DebateResult r, String aspect, String value, String content) {
        return node(r, NodeKind.FACT, content, OBSERVED, Map.of("culture", aspect, "value", value));
    }
}
