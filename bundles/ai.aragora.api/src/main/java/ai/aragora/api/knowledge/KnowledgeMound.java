package ai.aragora.api.knowledge;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import ai.aragora.api.storage.Page;

/**
 * The mound as its users see it. Every call names the org it acts for; a node or relationship of
 * another org is treated as if it did not exist.
 */
@ProviderType
public interface KnowledgeMound {

    Stored add(NewNode node);

    Optional<KnowledgeNode> node(String orgId, String id);

    /** Newest first; {@code workspaceId} and {@code kind} null for all. */
    Page<KnowledgeNode> nodes(String orgId, String workspaceId, NodeKind kind, int offset, int limit);

    /** Removes the node and its relationships; false when the org has no such node. */
    boolean delete(String orgId, String id);

    /** @throws IllegalArgumentException naming the node the org does not have */
    Relationship relate(String orgId, String sourceId, String targetId, RelationType type, Provenance provenance);

    /** Both directions. */
    List<Relationship> relationships(String orgId, String nodeId);

    /** Lexical and, with an embedding provider, semantic search combined. */
    SearchResult search(KnowledgeQuery query);

    /**
     * What a debate about to start on {@code task} should know: the best nodes of the org (of
     * {@code workspaceId} when not null) whose text fits {@code tokenBudget} (0 or less: the mound's
     * configured budget, which also caps any other); counts as a use of each.
     */
    PriorKnowledge recall(String orgId, String workspaceId, String task, int tokenBudget);

    MoundStats stats(String orgId, String workspaceId);

    MoundHealth health();
}
