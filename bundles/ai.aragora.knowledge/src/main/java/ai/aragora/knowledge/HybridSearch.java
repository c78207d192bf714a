package ai.aragora.knowledge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.aragora.api.knowledge.EmbeddingException;
import ai.aragora.api.knowledge.KnowledgeNode;
import ai.aragora.api.knowledge.KnowledgeQuery;
import ai.aragora.api.knowledge.KnowledgeStore;
import ai.aragora.api.knowledge.ScoredNode;
import ai.aragora.api.knowledge.SearchResult;

/**
 * Words and meaning combined. Candidates are the store's full-text hits and the vector index's
 * nearest nodes, a few times more than asked for; each is scored by its cosine similarity to the
 * question, raised by its full-text score: {@code similarity * (1 + boost * lexical)}. Meaning
 * leads because the full-text score is relative to the best hit of each search (a weak match is
 * 1.0 when nothing matched better), which as a share of a linear mix pushed unrelated nodes up:
 * decision 0018 has the measurements. Without embeddings (or when the model fails) it is the
 * full-text ranking alone.
 */
final class HybridSearch {

    private static final Logger LOG = LoggerFactory.getLogger(HybridSearch.class);
    private static final int CANDIDATES_PER_HIT = 4;
    private static final int MIN_CANDIDATES = 40;

    private final KnowledgeStore store;
    private final Embeddings embeddings;
    private final MoundMetrics metrics;
    private final Executor lexicalRunner;

    /** @param lexicalRunner runs the full-text half of a hybrid search (it may run it on the caller's thread when busy) */
    HybridSearch(KnowledgeStore store, Embeddings embeddings, MoundMetrics metrics, Executor lexicalRunner) {
        this.store = store;
        this.embeddings = embeddings;
        this.metrics = metrics;
        this.lexicalRunner = lexicalRunner;
    }

    SearchResult search(KnowledgeQuery q, double lexicalBoost) {
        int candidates = Math.min(KnowledgeQuery.MAX_LIMIT, Math.max(MIN_CANDIDATES, q.limit() * CANDIDATES_PER_HIT));
        KnowledgeQuery wide = new KnowledgeQuery(q.orgId(), q.workspaceId(), q.text(), candidates, q.minConfidence(), q.kinds(),
                q.coldest());
        Embeddings.Current e = embeddings.ready();
        if (e == null) {
            return lexicalOnly(store.lexical(wide), q);
        }
        // Words on another thread while this one embeds the question and scans the vectors: the two
        // take about as long, so a search waits for the longer, not for both.
        CompletableFuture<List<ScoredNode>> words = CompletableFuture.supplyAsync(() -> store.lexical(wide), lexicalRunner);
        float[] question = embed(e, q);
        if (question == null) {
            return lexicalOnly(join(words), q);
        }
        metrics.semantic.inc();
        Map<String, Double> similar = new HashMap<>();
        for (VectorIndex.Hit h : e.index.nearest(question, q.orgId(), q.workspaceId(), candidates)) {
            similar.put(h.nodeId(), h.similarity());
        }
        List<ScoredNode> lexical = join(words);
        Map<String, ScoredNode> merged = new LinkedHashMap<>();
        for (ScoredNode h : lexical) {
            double s = Math.max(0, similar.computeIfAbsent(h.node().id(), id -> e.index.similarity(question, id)));
            merged.put(h.node().id(), new ScoredNode(h.node(), s * (1 + lexicalBoost * h.lexical()), h.lexical(), s));
        }
        List<String> missing = similar.keySet().stream().filter(id -> !merged.containsKey(id)).toList();
        for (KnowledgeNode n : store.find(q.orgId(), missing)) {
            if (matches(q, n)) {
                double s = Math.max(0, similar.get(n.id()));
                merged.put(n.id(), new ScoredNode(n, s, 0, s));
            }
        }
        List<ScoredNode> hits = new ArrayList<>(merged.values());
        hits.sort((a, b) -> a.score() != b.score() ? Double.compare(b.score(), a.score()) : a.node().id().compareTo(b.node().id()));
        return new SearchResult(hits.size() > q.limit() ? hits.subList(0, q.limit()) : hits, true);
    }

    private static SearchResult lexicalOnly(List<ScoredNode> lexical, KnowledgeQuery q) {
        return new SearchResult(lexical.size() > q.limit() ? lexical.subList(0, q.limit()) : lexical, false);
    }

    /** The full-text hits, or what the store threw (a refused query stays an {@link IllegalArgumentException}). */
    private static List<ScoredNode> join(CompletableFuture<List<ScoredNode>> words) {
        try {
            return words.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** The question's vector; null when the model cannot embed it now. */
    private static float[] embed(Embeddings.Current e, KnowledgeQuery q) {
        try {
            return e.provider.embed(List.of(q.text())).get(0);
        } catch (EmbeddingException | IllegalStateException | IndexOutOfBoundsException failed) {
            LOG.debug("searching without embeddings: {}", failed.getMessage());
            e.failure = failed.getMessage();
            return null;
        }
    }

    /** The query's filters, for the nodes only meaning found (the store applied them to its own hits). */
    private static boolean matches(KnowledgeQuery q, KnowledgeNode n) {
        return n.confidence() >= q.minConfidence() && (q.kinds().isEmpty() || q.kinds().contains(n.kind()))
                && n.tier().ordinal() <= q.coldest().ordinal();
    }
}
