package ai.aragora.knowledge.adapter.critique;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;

import ai.aragora.api.agent.Critique;
import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.knowledge.DebateAdapter;
import ai.aragora.api.knowledge.DebateKnowledge;
import ai.aragora.api.knowledge.KnowledgeAdapter;
import ai.aragora.api.knowledge.Learned;
import ai.aragora.api.knowledge.NewNode;
import ai.aragora.api.knowledge.NodeKind;
import ai.aragora.api.receipt.Receipt;

/**
 * Every issue critics raised, one critique-pattern node per distinct issue and domain: the mound
 * deduplicates by content, so an issue raised again in a later debate strengthens its node, and a
 * node's strength is how often the issue recurred. A node's confidence is the issue's highest
 * severity in the debate on the 0-1 scale; critiques of severity 0 found nothing and are left out.
 */
@Component(service = KnowledgeAdapter.class)
public class CritiqueAdapter extends DebateAdapter {

    static final String NAME = "critique";

    public CritiqueAdapter() {
        super(NAME, NodeKind.CRITIQUE_PATTERN);
    }

    @Override
    public Learned forward(DebateResult r, Optional<Receipt> receipt) {
        String domain = DebateKnowledge.domain(r.spec());
        Map<String, Double> severityByIssue = new LinkedHashMap<>();
        for (Critique c : r.critiques()) {
            if (c.severity() <= 0) {
                continue;
            }
            for (String issue : c.issues()) {
                String text = issue.strip();
                if (!text.isEmpty()) {
                    severityByIssue.merge(text, c.severity(), Math::max);
                }
            }
        }
        List<NewNode> nodes = new ArrayList<>();
        severityByIssue.forEach((issue, severity) -> nodes.add(node(r, NodeKind.CRITIQUE_PATTERN,
                "Recurring critique (" + domain + "): " + issue, severity / 10,
                Map.of("domain", domain, "severity", String.format(Locale.ROOT, "%.1f", severity)))));
        return learned(nodes);
    }
}
