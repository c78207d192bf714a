package ai.aragora.api.knowledge;

import java.util.Objects;

/** {@code source} {@code type} {@code target}: "node A supports node B". Both nodes are of one org. */
public record Relationship(String id, String orgId, String sourceId, String targetId, RelationType type,
        Provenance provenance) {

    public Relationship {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(targetId, "targetId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(provenance, "provenance");
        if (sourceId.equals(targetId)) {
            throw new IllegalArgumentException("a node cannot relate to itself");
        }
    }
}
