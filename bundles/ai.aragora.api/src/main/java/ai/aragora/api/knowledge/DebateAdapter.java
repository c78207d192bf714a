package ai.aragora.api.knowledge;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.osgi.annotation.versioning.ConsumerType;

import ai.aragora.api.debate.DebateResult;

/**
 * What every adapter that learns from finished debates shares: its name and kinds, the nodes it
 * learns placed in the debate's org and workspace with itself in their provenance, and
 * {@link Learned#NOTHING} when a debate teaches it nothing. A subclass is registered as a
 * {@link KnowledgeAdapter} service ({@code @Component(service = KnowledgeAdapter.class)}) and
 * writes only {@link #forward} and, when the default search does not answer its subsystem,
 * {@link #reverse}.
 */
@ConsumerType
public abstract class DebateAdapter implements KnowledgeAdapter {

    private final String name;
    private final Set<NodeKind> kinds;

    protected DebateAdapter(String name, NodeKind kind, NodeKind... more) {
        this.name = NewNode.name("adapter", name);
        this.kinds = Set.copyOf(EnumSet.of(Objects.requireNonNull(kind, "kind"), more));
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Set<NodeKind> kinds() {
        return kinds;
    }

    /** A node this adapter learned from {@code result}, in the debate's org and workspace. */
    protected final NewNode node(DebateResult result, NodeKind kind, String content, double confidence, Map<String, String> metadata) {
        return DebateKnowledge.node(result, name, kind, content, confidence, metadata);
    }

    /** The nodes and the links among them, or {@link Learned#NOTHING} when there are no nodes. */
    protected static Learned learned(List<NewNode> nodes, List<Learned.Link> links) {
        return nodes.isEmpty() ? Learned.NOTHING : new Learned(nodes, links);
    }

    protected static Learned learned(List<NewNode> nodes) {
        return learned(nodes, List.of());
    }
}
