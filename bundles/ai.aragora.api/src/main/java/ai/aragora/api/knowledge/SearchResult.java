package ai.aragora.api.knowledge;

import java.util.List;

/** Hits, best first, and whether meaning took part ({@code false}: no embedding provider, lexical only). */
public record SearchResult(List<ScoredNode> hits, boolean semantic) {

    public SearchResult {
        hits = List.copyOf(hits);
    }
}
