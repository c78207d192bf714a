package ai.aragora.knowledge.adapter.evidence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Component;

import ai.aragora.api.agent.Critique;
import ai.aragora.api.agent.Vote;
import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.debate.Message;
import ai.aragora.api.knowledge.DebateAdapter;
import ai.aragora.api.knowledge.DebateKnowledge;
import ai.aragora.api.knowledge.KnowledgeAdapter;
import ai.aragora.api.knowledge.Learned;
import ai.aragora.api.knowledge.NewNode;
import ai.aragora.api.knowledge.NodeKind;
import ai.aragora.api.knowledge.Provenance;
import ai.aragora.api.receipt.Receipt;

/**
 * What supported a decision: one evidence node per reason a final voter gave for the decided
 * proposal, and one per source (http or https URL) the decided agent cited. A reason's quality
 * score, its confidence, is the voter's confidence less the standing objections: times
 * (1 - severity / 10) of the most severe critique of the decided proposal in the last round of
 * critiques. A source's is the debate's confidence.
 */
@Component(service = KnowledgeAdapter.class)
public class EvidenceAdapter extends DebateAdapter {

    static final String NAME = "evidence";
    static final int MAX_SOURCES = 10;
    private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"'()\\[\\]{}]+[^\\s<>\"'()\\[\\]{}.,;:!?]");

    public EvidenceAdapter() {
        super(NAME, NodeKind.EVIDENCE);
    }

    @Override
    public Learned forward(DebateResult r, Optional<Receipt> receipt) {
        String decided = r.winner();
        if (decided == null || r.verdict() == null) {
            return Learned.NOTHING;
        }
        String task = r.spec().task().strip();
        double objection = standingObjection(r.critiques(), decided);
        int last = r.votes().stream().mapToInt(Vote::round).max().orElse(0);
        List<NewNode> nodes = new ArrayList<>();
        for (Vote v : r.votes()) {
            if (v.round() != last || !v.choice().equals(decided) || v.reasoning().isBlank()) {
                continue;
            }
            double quality = v.confidence() * (1 - objection / 10);
            Map<String, String> metadata = new LinkedHashMap<>();
            metadata.put("voter", v.agent());
            metadata.put("backs", decided);
            metadata.put("quality", String.format(Locale.ROOT, "%.2f", quality));
            metadata.put("domain", DebateKnowledge.domain(r.spec()));
            nodes.add(by(node(r, NodeKind.EVIDENCE, "Evidence for the decision on \"" + task + "\" ("
                    + decided + "'s proposal), given by " + v.agent() + ": " + v.reasoning().strip(), quality, metadata), r, v.agent(), v.round()));
        }
        for (String url : sources(r.messages(), decided)) {
            nodes.add(node(r, NodeKind.EVIDENCE, "Source cited by " + decided + " for the decision on \"" + task
                    + "\": " + url, r.confidence(), Map.of("url", url, "cited_by", decided)));
        }
        return learned(nodes);
    }

    /** The most severe critique of {@code target} in the last round anyone critiqued it; 0 when none. */
    static double standingObjection(List<Critique> critiques, String target) {
        int last = critiques.stream().filter(c -> c.target().equals(target)).mapToInt(Critique::round).max().orElse(-1);
        return critiques.stream().filter(c -> c.target().equals(target) && c.round() == last).mapToDouble(Critique::severity).max().orElse(0);
    }

    private static Set<String> sources(List<Message> messages, String agent) {
        Set<String> urls = new LinkedHashSet<>();
        for (Message m : messages) {
            if (!agent.equals(m.agent())) {
                continue;
            }
            Matcher found = URL.matcher(m.content());
            while (found.find() && urls.size() < MAX_SOURCES) {
                urls.add(found.group());
            }
        }
        return urls;
    }

    /** The node said by {@code agent} in {@code round}. */
    private static NewNode by(NewNode n, DebateResult r, String agent, int round) {
        return new NewNode(n.orgId(), n.workspaceId(), n.kind(), n.content(), n.confidence(), n.metadata(),
                new Provenance(r.id(), r.receiptId(), agent, Math.max(0, round), NAME, n.provenance().at()));
    }
}
