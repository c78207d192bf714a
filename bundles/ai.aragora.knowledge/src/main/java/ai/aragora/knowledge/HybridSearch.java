package ai.aragora.knowledge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.aragora.api.knowledge.EmbeddingException;
import ai.aragora.api.knowledge.KnowledgeNode;
import ai.aragora.api.knowledge.KnowledgeQuery;
import ai.aragora.api.knowledge.KnowledgeStore;
import ai.aragora.api.knowledge.ScoredNode;
import ai.aragora.api.knowledge.SearchResult;

/**
 * Words and meaning combined: the store's full-text hits and the vector index's nearest nodes,
 * each scored in [0, 1], merged as {@code w * semantic + (1 - w) * lexical}. Both look at a few
 * times more candidates than asked for, so that a node strong in one and fair in the other wins
 * over one that is only fair in one. Without embeddings (or when the model fails) it is the
 * full-text ranking alone.
 */
final class HybridSearch {

    private static final Logger LOG = LoggerFactory.getLogger(HybridSearch.class);
    private static final int CANDIDATES_PER_HIT = 4;
    private static final int MIN_CANDIDATES = 40;

    private final KnowledgeStore store;
    private final Embeddings embeddings;
    private final MoundMetrics metrics;

    HybridSearch(KnowledgeStore store, Embeddings embeddings, MoundMetrics metrics) {
        this.store = store;
        this.embeddings = embeddings;
        this.metrics = metrics;
    }

    SearchResult search(KnowledgeQuery q, double semanticWeight) {
        int candidates = Math.min(KnowledgeQuery.MAX_LIMIT, Math.max(MIN_CANDIDATES, q.limit() * CANDIDATES_PER_HIT));
        KnowledgeQuery wide = new KnowledgeQuery(q.orgId(), q.workspaceId(), q.text(), candidates, q.minConfidence(), q.kinds(),
                q.coldest());
        List<ScoredNode> lexical = store.lexical(wide);
        Embeddings.Current e = embeddings.ready();
        Map<String, Double> similar = e == null ? null : nearest(e, q, candidates);
        if (similar == null) {
            return new SearchResult(lexical.size() > q.limit() ? lexical.subList(0, q.limit()) : lexical, false);
        }
        metrics.semantic.inc();
        Map<String, ScoredNode> merged = new LinkedHashMap<>();
        for (ScoredNode h : lexical) {
            double s = Math.max(0, similar.getOrDefault(h.node().id(), 0.0));
            merged.put(h.node().id(), new ScoredNode(h.node(), semanticWeight * s + (1 - semanticWeight) * h.lexical(), h.lexical(), s));
        }
        List<String> missing = similar.keySet().stream().filter(id -> !merged.containsKey(id)).toList();
        for (KnowledgeNode n : store.find(q.orgId(), missing)) {
            if (matches(q, n)) {
                double s = Math.max(0, similar.get(n.id()));
                merged.put(n.id(), new ScoredNode(n, semanticWeight * s, 0, s));
            }
        }
        List<ScoredNode> hits = new ArrayList<>(merged.values());
        hits.sort((a, b) -> a.score() != b.score() ? Double.compare(b.score(), a.score()) : a.node().id().compareTo(b.node().id()));
        return new SearchResult(hits.size() > q.limit() ? hits.subList(0, q.limit()) : hits, true);
    }

    /** Node id to cosine similarity; null when the model cannot embed the question now. */
    private Map<String, Double> nearest(Embeddings.Current e, KnowledgeQuery q, int k) {
        float[] vector;
        try {
            vector = e.provider.embed(List.of(q.text())).get(0);
        } catch (EmbeddingException | IllegalStateException | IndexOutOfBoundsException failed) {
            LOG.debug("searching without embeddings: {}", failed.getMessage());
            e.failure = failed.getMessage();
            return null;
        }
        Map<String, Double> out = new HashMap<>();
        for (VectorIndex.Hit h : e.index.nearest(vector, q.orgId(), q.workspaceId(), k)) {
            out.put(h.nodeId(), h.similarity());
        }
        return out;
    }

    /** The query's filters, for the nodes only meaning found (the store applied them to its own hits). */
    private static boolean matches(KnowledgeQuery q, KnowledgeNode n) {
        return n.confidence() >= q.minConfidence() && (q.kinds().isEmpty() || q.kinds().contains(n.kind()))
                && n.tier().ordinal() <= q.coldest().ordinal();
    }
}
