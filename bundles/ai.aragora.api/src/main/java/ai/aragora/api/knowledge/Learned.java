package ai.aragora.api.knowledge;

import java.util.List;
import java.util.Objects;

/**
 * What an adapter learned from one finished debate: nodes, and relationships between them by
 * their index in {@code nodes}.
 */
public record Learned(List<NewNode> nodes, List<Link> links) {

    public static final Learned NOTHING = new Learned(List.of(), List.of());

    public Learned {
        nodes = List.copyOf(nodes);
        links = List.copyOf(links);
        for (Link l : links) {
            if (l.source() >= nodes.size() || l.target() >= nodes.size()) {
                throw new IllegalArgumentException("a link refers to node " + Math.max(l.source(), l.target())
                        + " of " + nodes.size());
            }
        }
    }

    /** {@code nodes[source]} {@code type} {@code nodes[target]}. */
    public record Link(int source, int target, RelationType type) {
        public Link {
            Objects.requireNonNull(type, "type");
            if (source < 0 || target < 0 || source == target) {
                throw new IllegalArgumentException("a link joins two different nodes");
            }
        }
    }
}
