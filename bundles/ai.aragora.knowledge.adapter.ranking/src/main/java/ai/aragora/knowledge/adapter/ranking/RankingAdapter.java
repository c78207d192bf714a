package ai.aragora.knowledge.adapter.ranking;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Component;

import ai.aragora.api.agent.Vote;
import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.knowledge.DebateAdapter;
import ai.aragora.api.knowledge.DebateKnowledge;
import ai.aragora.api.knowledge.KnowledgeAdapter;
import ai.aragora.api.knowledge.Learned;
import ai.aragora.api.knowledge.NewNode;
import ai.aragora.api.knowledge.NodeKind;
import ai.aragora.api.knowledge.RelationType;
import ai.aragora.api.receipt.Receipt;

/**
 * Agent expertise by domain. A decided debate states that its winner is strong in the debate's
 * domain, and that each final voter who backed the winner's proposal judged well there. The
 * sentences name no debate, so the same agent and domain is one node per workspace that every
 * further debate strengthens: its {@code strength} counts the debates, its provenance names them.
 * The reverse query (who is good at X) is the adapter's default search over ranking nodes.
 */
@Component(service = KnowledgeAdapter.class)
public class RankingAdapter extends DebateAdapter {

    static final String NAME = "ranking";

    public RankingAdapter() {
        super(NAME, NodeKind.RANKING);
    }

    @Override
    public Learned forward(DebateResult r, Optional<Receipt> receipt) {
        String winner = r.winner();
        if (winner == null || r.verdict() == null) {
            return Learned.NOTHING;
        }
        String domain = DebateKnowledge.domain(r.spec());
        List<NewNode> nodes = new ArrayList<>();
        nodes.add(node(r, NodeKind.RANKING, winner + " is strong in " + domain
                + " debates: debates of the domain decided its proposal", r.confidence(),
                Map.of("agent", winner, "domain", domain, "role", "decided")));
        List<Learned.Link> links = new ArrayList<>();
        int last = r.votes().stream().mapToInt(Vote::round).max().orElse(0);
        Set<String> backers = new LinkedHashSet<>();
        for (Vote v : r.votes()) {
            if (v.round() == last && v.choice().equals(winner) && !v.agent().equals(winner) && backers.add(v.agent())) {
                nodes.add(node(r, NodeKind.RANKING, v.agent() + " judges well in " + domain
                        + " debates: it backed the proposals they decided", v.confidence(),
                        Map.of("agent", v.agent(), "domain", domain, "role", "backed")));
                links.add(new Learned.Link(nodes.size() - 1, 0, RelationType.SUPPORTS));
            }
        }
        return new Learned(nodes, links);
    }
}
