package ai.aragora.rest.knowledge;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.aragora.api.knowledge.KnowledgeNode;
import ai.aragora.api.knowledge.MoundHealth;
import ai.aragora.api.knowledge.MoundStats;
import ai.aragora.api.knowledge.Provenance;
import ai.aragora.api.knowledge.Relationship;
import ai.aragora.api.knowledge.ScoredNode;

/** The mound's records in the shapes clients read (KnowledgeNode, facts, relationships, stats, health). */
final class KnowledgeViews {

    private KnowledgeViews() {
    }

    static Map<String, Object> node(KnowledgeNode n) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", n.id());
        view.put("content", n.content());
        view.put("node_type", n.kind().wire());
        view.put("source", n.provenance().isEmpty() ? null : source(n.provenance().get(0)));
        view.put("confidence", n.confidence());
        view.put("tier", n.tier().wire());
        view.put("status", n.validation().wire());
        view.put("strength", n.strength());
        view.put("uses", n.uses());
        view.put("workspace_id", n.workspaceId());
        view.put("topics", topics(n));
        view.put("metadata", n.metadata());
        view.put("provenance", n.provenance().stream().map(KnowledgeViews::provenance).toList());
        view.put("created_at", n.createdAt().toString());
        view.put("updated_at", n.updatedAt().toString());
        return view;
    }

    /** A fact is a node of kind fact, its content the statement. */
    static Map<String, Object> fact(KnowledgeNode n) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", n.id());
        view.put("statement", n.content());
        view.put("confidence", n.confidence());
        view.put("status", n.validation().wire());
        view.put("workspace_id", n.workspaceId());
        view.put("topics", topics(n));
        view.put("metadata", n.metadata());
        view.put("created_at", n.createdAt().toString());
        view.put("updated_at", n.updatedAt().toString());
        return view;
    }

    static Map<String, Object> hit(ScoredNode h) {
        Map<String, Object> view = node(h.node());
        view.put("score", h.score());
        view.put("lexical_score", h.lexical());
        view.put("semantic_score", h.semantic());
        return view;
    }

    static Map<String, Object> relationship(Relationship r) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", r.id());
        view.put("source_id", r.sourceId());
        view.put("target_id", r.targetId());
        view.put("relation_type", r.type().wire());
        view.put("provenance", provenance(r.provenance()));
        return view;
    }

    static Map<String, Object> stats(MoundStats s) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("total_nodes", s.nodes());
        view.put("total_facts", s.byKind().getOrDefault(ai.aragora.api.knowledge.NodeKind.FACT, 0L));
        view.put("total_relationships", s.relationships());
        view.put("embedded_nodes", s.embedded());
        view.put("average_confidence", s.averageConfidence());
        Map<String, Object> kinds = new LinkedHashMap<>();
        s.byKind().forEach((k, v) -> kinds.put(k.wire(), v));
        view.put("by_type", kinds);
        Map<String, Object> tiers = new LinkedHashMap<>();
        s.byTier().forEach((k, v) -> tiers.put(k.wire(), v));
        view.put("by_tier", tiers);
        return view;
    }

    /** The runbook's shape: status, a summary of the components, and (for {@code health.read}) each component. */
    static Map<String, Object> health(MoundHealth h, boolean detail) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("status", h.status().wireName());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("total_components", h.components().size());
        summary.put("healthy", h.healthy());
        summary.put("active", h.active());
        view.put("summary", summary);
        if (detail) {
            Map<String, Object> components = new java.util.TreeMap<>();
            h.components().forEach((name, c) -> {
                Map<String, Object> state = new LinkedHashMap<>();
                state.put("status", c.status().wireName());
                state.put("active", c.active());
                state.put("detail", c.detail());
                components.put(name, state);
            });
            view.put("components", components);
        }
        return view;
    }

    private static Map<String, Object> provenance(Provenance p) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("debate_id", p.debateId());
        view.put("receipt_id", p.receiptId());
        view.put("agent", p.agent());
        view.put("round", p.round());
        view.put("adapter", p.adapter());
        view.put("at", p.at().toString());
        return view;
    }

    private static String source(Provenance p) {
        return p.adapter() != null ? p.adapter() : p.debateId() != null ? "debate" : "api";
    }

    private static List<String> topics(KnowledgeNode n) {
        String topics = n.metadata().get("topics");
        return topics == null || topics.isBlank() ? List.of() : List.of(topics.split("\\s*,\\s*"));
    }
}
