package ai.aragora.api.knowledge;

import java.util.List;

/**
 * What a debate about to start is told of its org's earlier debates: the nodes used, best first,
 * and their text as given to the agents (within the token budget asked for).
 */
public record PriorKnowledge(List<KnowledgeNode> nodes, String context) {

    public static final PriorKnowledge NONE = new PriorKnowledge(List.of(), "");

    public PriorKnowledge {
        nodes = List.copyOf(nodes);
        context = context == null ? "" : context;
    }

    public List<String> nodeIds() {
        return nodes.stream().map(KnowledgeNode::id).toList();
    }

    public boolean isEmpty() {
        return nodes.isEmpty();
    }
}
