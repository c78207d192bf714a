package ai.aragora.knowledge.adapter.continuum;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.knowledge.DebateAdapter;
import ai.aragora.api.knowledge.KnowledgeAdapter;
import ai.aragora.api.knowledge.KnowledgeMound;
import ai.aragora.api.knowledge.KnowledgeNode;
import ai.aragora.api.knowledge.KnowledgeQuery;
import ai.aragora.api.knowledge.Learned;
import ai.aragora.api.knowledge.NewNode;
import ai.aragora.api.knowledge.NodeKind;
import ai.aragora.api.knowledge.Provenance;
import ai.aragora.api.knowledge.ScoredNode;
import ai.aragora.api.knowledge.SearchResult;
import ai.aragora.api.knowledge.Tier;
import ai.aragora.api.receipt.Receipt;

/**
 * The multi-tier memory. The mound keeps every node in a tier: a debate it is given to promotes
 * it (towards {@code fast}), and the hourly pass demotes what went unused for longer than its
 * tier's retention (fast 7 days, medium 30, slow 180; glacial is kept). Forward: the memories a
 * decided debate drew on proved useful, and are offered again as they are, so the mound
 * strengthens each ({@code strength} + 1) and adds the debate to its provenance; a memory since
 * deleted is passed over. Reverse: what the memory holds on a question, hottest tier first, by
 * relevance within a tier.
 */
@Component(service = KnowledgeAdapter.class)
public class ContinuumAdapter extends DebateAdapter {

    static final String NAME = "continuum";

    private final KnowledgeMound mound;

    @Activate
    public ContinuumAdapter(@Reference KnowledgeMound mound) {
        super(NAME, NodeKind.FACT, NodeKind.CLAIM, NodeKind.EVIDENCE, NodeKind.CONSENSUS, NodeKind.CRITIQUE_PATTERN, NodeKind.BELIEF,
                NodeKind.CRUX, NodeKind.INSIGHT, NodeKind.RANKING, NodeKind.RATING);
        this.mound = mound;
    }

    @Override
    public Learned forward(DebateResult r, Optional<Receipt> receipt) {
        if (r.verdict() == null || r.priorKnowledge().isEmpty()) {
            return Learned.NOTHING;
        }
        Instant at = r.completedAt() != null ? r.completedAt() : r.createdAt();
        String org = r.spec().orgId();
        List<NewNode> reinforced = new ArrayList<>();
        for (String id : r.priorKnowledge()) {
            Optional<KnowledgeNode> memory = mound.node(org, id);
            memory.ifPresent(n -> reinforced.add(new NewNode(org, n.workspaceId(), n.kind(), n.content(), n.confidence(), n.metadata(),
                    Provenance.ofDebate(NAME, r.id(), r.receiptId(), at))));
        }
        return learned(reinforced);
    }

    @Override
    public SearchResult reverse(KnowledgeMound mound, String orgId, String question, int limit) {
        SearchResult found = mound.search(new KnowledgeQuery(orgId, null, question, limit, 0, kinds(), Tier.GLACIAL));
        List<ScoredNode> hottestFirst = found.hits().stream()
                .sorted(Comparator.comparing((ScoredNode h) -> h.node().tier()).thenComparing(ScoredNode::score, Comparator.reverseOrder()))
                .toList();
        return new SearchResult(hottestFirst, found.semantic());
    }
}
