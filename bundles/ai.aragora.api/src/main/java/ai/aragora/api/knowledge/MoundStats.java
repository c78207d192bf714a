package ai.aragora.api.knowledge;

import java.util.Map;

/** Counts for an org (or one workspace of it). */
public record MoundStats(long nodes, long relationships, Map<NodeKind, Long> byKind, Map<Tier, Long> byTier,
        long embedded, double averageConfidence) {

    public MoundStats {
        byKind = Map.copyOf(byKind);
        byTier = Map.copyOf(byTier);
    }
}
