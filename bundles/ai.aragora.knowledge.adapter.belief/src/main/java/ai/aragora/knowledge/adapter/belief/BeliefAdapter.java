package ai.aragora.knowledge.adapter.belief;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.knowledge.DebateAdapter;
import ai.aragora.api.knowledge.KnowledgeAdapter;
import ai.aragora.api.knowledge.Learned;
import ai.aragora.api.knowledge.NewNode;
import ai.aragora.api.knowledge.NodeKind;
import ai.aragora.api.knowledge.RelationType;
import ai.aragora.api.receipt.Receipt;

/**
 * Where a debate split: one crux node per crux its receipt's decision record states (who backed
 * which proposal, and the critique that separated them), and one belief node per dissenting
 * view, supporting the crux when the debate had exactly one. The cruxes are read from the
 * signed decision record, so the mound states no crux the receipt does not.
 */
@Component(service = KnowledgeAdapter.class)
public class BeliefAdapter extends DebateAdapter {

    static final String NAME = "belief";
    private static final ObjectMapper JSON = new ObjectMapper();

    public BeliefAdapter() {
        super(NAME, NodeKind.CRUX, NodeKind.BELIEF);
    }

    @Override
    public Learned forward(DebateResult r, Optional<Receipt> receipt) {
        String task = r.spec().task().strip();
        List<NewNode> nodes = new ArrayList<>();
        for (JsonNode crux : cruxes(receipt)) {
            JsonNode separated = crux.path("separated_by");
            String content = "Crux on \"" + task + "\": " + crux.path("alternative").asText() + "'s proposal (backed by "
                    + names(crux.path("alternative_by")) + ") against the decided " + crux.path("decided").asText()
                    + "'s (backed by " + names(crux.path("decided_by")) + ")"
                    + (separated.isObject() ? "; separated by " + separated.path("critic").asText() + ": " + separated.path("text").asText()
                            : "; no critique separated them");
            double severity = separated.path("severity").asDouble(0);
            nodes.add(node(r, NodeKind.CRUX, content, 1 - r.confidence(),
                    Map.of("decided", crux.path("decided").asText(), "alternative", crux.path("alternative").asText(),
                            "severity", String.format(Locale.ROOT, "%.1f", severity))));
        }
        int cruxCount = nodes.size();
        List<Learned.Link> links = new ArrayList<>();
        for (String view : r.dissentingViews()) {
            if (view == null || view.isBlank()) {
                continue;
            }
            nodes.add(node(r, NodeKind.BELIEF, "Dissent on \"" + task + "\": " + view.strip(),
                    1 - r.confidence(), Map.of()));
            if (cruxCount == 1) {
                links.add(new Learned.Link(nodes.size() - 1, 0, RelationType.SUPPORTS));
            }
        }
        return learned(nodes, links);
    }

    private static List<JsonNode> cruxes(Optional<Receipt> receipt) {
        Optional<String> record = receipt.flatMap(Receipt::decision);
        if (record.isEmpty()) {
            return List.of();
        }
        try {
            List<JsonNode> out = new ArrayList<>();
            JSON.readTree(record.get()).path("cruxes").forEach(out::add);
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("receipt " + receipt.get().receiptId() + " has an unreadable decision record", e);
        }
    }

    private static String names(JsonNode agents) {
        List<String> names = new ArrayList<>();
        agents.forEach(a -> names.add(a.asText()));
        return String.join(", ", names);
    }
}
