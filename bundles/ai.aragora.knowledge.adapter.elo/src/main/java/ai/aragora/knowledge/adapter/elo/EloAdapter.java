package ai.aragora.knowledge.adapter.elo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.debate.Participant;
import ai.aragora.api.knowledge.DebateAdapter;
import ai.aragora.api.knowledge.DebateKnowledge;
import ai.aragora.api.knowledge.KnowledgeAdapter;
import ai.aragora.api.knowledge.Learned;
import ai.aragora.api.knowledge.NewNode;
import ai.aragora.api.knowledge.NodeKind;
import ai.aragora.api.rating.RatingChange;
import ai.aragora.api.rating.RatingService;
import ai.aragora.api.receipt.Receipt;

/**
 * What each debate did to its agents' standing: one rating node per agent whose rating the
 * debate changed in the debate's domain, from the rating service's own history (the change this
 * debate caused, whenever the adapter reads it), so that "who is good at what" can be asked of
 * the mound. Its confidence is the agent's expected score against an average agent (Elo 1500).
 */
@Component(service = KnowledgeAdapter.class)
public class EloAdapter extends DebateAdapter {

    static final String NAME = "elo";
    /** How far back in an agent's history its change from this debate is looked for. */
    static final int HISTORY = 200;

    private final RatingService ratings;

    @Activate
    public EloAdapter(@Reference RatingService ratings) {
        super(NAME, NodeKind.RATING);
        this.ratings = ratings;
    }

    @Override
    public Learned forward(DebateResult r, Optional<Receipt> receipt) {
        String domain = DebateKnowledge.domain(r.spec());
        List<NewNode> nodes = new ArrayList<>();
        for (Participant p : r.participants()) {
            for (RatingChange c : ratings.history(p.agent(), HISTORY)) {
                if (c.debateId().equals(r.id()) && c.domain().equals(domain)) {
                    String verb = c.after() >= c.before() ? "rose" : "fell";
                    String content = String.format(Locale.ROOT, "%s's %s rating %s from %.0f to %.0f in the debate on \"%s\"%s",
                            p.agent(), domain, verb, c.before(), c.after(), r.spec().task().strip(),
                            p.agent().equals(r.winner()) ? ", whose proposal was decided" : "");
                    double expected = 1 / (1 + Math.pow(10, (1500 - c.after()) / 400));
                    nodes.add(node(r, NodeKind.RATING, content, expected, Map.of("agent", p.agent(),
                            "domain", domain, "elo", String.format(Locale.ROOT, "%.1f", c.after()))));
                }
            }
        }
        return learned(nodes);
    }
}
