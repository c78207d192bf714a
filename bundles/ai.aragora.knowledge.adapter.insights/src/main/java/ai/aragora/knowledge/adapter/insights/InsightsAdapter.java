package ai.aragora.knowledge.adapter.insights;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;

import ai.aragora.api.agent.Vote;
import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.knowledge.DebateAdapter;
import ai.aragora.api.knowledge.KnowledgeAdapter;
import ai.aragora.api.knowledge.Learned;
import ai.aragora.api.knowledge.NewNode;
import ai.aragora.api.knowledge.NodeKind;
import ai.aragora.api.knowledge.Provenance;
import ai.aragora.api.receipt.Receipt;

/**
 * How a decision was reached, as insight nodes: the trickster's interventions against hollow
 * consensus, every agent whose last vote backed another proposal than its first, and an
 * independent first vote that the debate overturned. What happened is recorded, not judged:
 * each node's confidence is {@value #OBSERVED}.
 */
@Component(service = KnowledgeAdapter.class)
public class InsightsAdapter extends DebateAdapter {

    static final String NAME = "insights";
    static final double OBSERVED = 0.9;

    public InsightsAdapter() {
        super(NAME, NodeKind.INSIGHT);
    }

    @Override
    public Learned forward(DebateResult r, Optional<Receipt> receipt) {
        String task = r.spec().task().strip();
        String outcome = r.verdict() == null ? r.status().wire() : r.verdict().wire().replace('_', ' ');
        List<NewNode> nodes = new ArrayList<>();
        if (r.tricksterInterventions() > 0) {
            nodes.add(insight(r, "trickster", String.format(Locale.ROOT,
                    "The trickster intervened %d time%s in the debate on \"%s\": the agents agreed on too little evidence"
                            + " (hollow consensus); it ended %s with confidence %.2f",
                    r.tricksterInterventions(), r.tricksterInterventions() == 1 ? "" : "s", task, outcome, r.confidence()),
                    Map.of("interventions", String.valueOf(r.tricksterInterventions()))));
        }
        Map<String, List<Vote>> byAgent = new LinkedHashMap<>();
        for (Vote v : r.votes()) {
            byAgent.computeIfAbsent(v.agent(), k -> new ArrayList<>()).add(v);
        }
        for (Map.Entry<String, List<Vote>> e : byAgent.entrySet()) {
            List<Vote> votes = e.getValue().stream().sorted(Comparator.comparingInt(Vote::round)).toList();
            Vote first = votes.get(0);
            Vote last = votes.get(votes.size() - 1);
            if (!first.choice().equals(last.choice())) {
                NewNode flip = insight(r, "vote_flip", String.format(Locale.ROOT,
                        "%s changed its vote in the debate on \"%s\": from %s's proposal (round %d) to %s's (round %d)%s",
                        e.getKey(), task, first.choice(), first.round(), last.choice(), last.round(),
                        last.choice().equals(r.winner()) ? ", the one decided" : ""),
                        Map.of("agent", e.getKey(), "from", first.choice(), "to", last.choice()));
                nodes.add(new NewNode(flip.orgId(), flip.workspaceId(), flip.kind(), flip.content(), flip.confidence(), flip.metadata(),
                        new Provenance(r.id(), r.receiptId(), e.getKey(), Math.max(0, last.round()), NAME, flip.provenance().at())));
            }
        }
        if (r.baseline() != null && r.baseline().winner() != null && r.winner() != null && !r.baseline().winner().equals(r.winner())) {
            nodes.add(insight(r, "baseline_overturned", String.format(Locale.ROOT,
                    "The independent first vote on \"%s\" favoured %s's proposal (%.0f %% of the votes); the debate decided %s's",
                    task, r.baseline().winner(), 100 * r.baseline().share(), r.winner()),
                    Map.of("baseline", r.baseline().winner(), "decided", r.winner())));
        }
        return learned(nodes);
    }

    private NewNode insight(DebateResult r, String type, String content, Map<String, String> metadata) {
        Map<String, String> m = new LinkedHashMap<>(metadata);
        m.put("insight", type);
        return node(r, NodeKind.INSIGHT, content, OBSERVED, m);
    }
}
