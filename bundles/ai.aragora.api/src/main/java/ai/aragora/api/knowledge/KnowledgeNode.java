package ai.aragora.api.knowledge;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A node as stored.
 *
 * @param strength how many times its content was offered: each duplicate adds one
 * @param uses how many debates it was given to
 * @param provenance where it came from, oldest first (at most the latest {@value #MAX_PROVENANCE})
 */
public record KnowledgeNode(String id, String orgId, String workspaceId, NodeKind kind, String content, String contentHash,
        double confidence, Tier tier, Validation validation, int strength, int uses, Map<String, String> metadata,
        List<Provenance> provenance, Instant createdAt, Instant updatedAt) {

    public static final int MAX_PROVENANCE = 50;

    public KnowledgeNode {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(validation, "validation");
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        provenance = provenance == null ? List.of() : List.copyOf(provenance);
    }
}
