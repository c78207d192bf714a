package ai.aragora.api.knowledge;

/** What offering a node did: {@code duplicate} when its content was there and got stronger instead. */
public record Stored(KnowledgeNode node, boolean duplicate) {
}
