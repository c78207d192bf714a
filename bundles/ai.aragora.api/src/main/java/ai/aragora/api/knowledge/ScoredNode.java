package ai.aragora.api.knowledge;

/**
 * A search hit. {@code score} orders hits; {@code lexical} and {@code semantic} are its parts,
 * each in [0, 1] (semantic is 0 when search was lexical only).
 */
public record ScoredNode(KnowledgeNode node, double score, double lexical, double semantic) {
}
