package ai.aragora.rest.knowledge;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.aragora.api.knowledge.DebateSchedule;
import ai.aragora.api.knowledge.KnowledgeNode;
import ai.aragora.api.knowledge.MoundHealth;
import ai.aragora.api.knowledge.MoundStats;
import ai.aragora.api.knowledge.Provenance;
import ai.aragora.api.knowledge.Relationship;
import ai.aragora.api.knowledge.ScoredNode;
import ai.aragora.api.knowledge.Tier;
import ai.aragora.api.knowledge.Upkeep;

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

    /** {@code /api/health/decay}: the status for everyone, the latest pass and its settings for {@code health.read}. */
    static Map<String, Object> upkeep(Upkeep u, boolean detail) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("status", u.last().error() == null ? "healthy" : "degraded");
        view.put("timestamp", Instant.now().toString());
        if (detail) {
            view.put("last_run", u.lastRun() == null ? null : u.lastRun().toString());
            view.put("next_run", u.nextRun().toString());
            view.put("runs", u.runs());
            view.put("failures", u.failures());
            Map<String, Object> last = new LinkedHashMap<>();
            last.put("cooled", u.last().cooled());
            last.put("decayed", u.last().decayed());
            last.put("expired", u.last().expired());
            last.put("error", u.last().error());
            view.put("last_pass", last);
            Map<String, Object> retention = new LinkedHashMap<>();
            for (Tier t : Tier.values()) {
                retention.put(t.wire(), u.settings().retentionDays().get(t));
            }
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("retention_days", retention);
            settings.put("decay_after_days", u.settings().decayAfterDays());
            settings.put("decay_half_life_days", u.settings().decayHalfLifeDays());
            settings.put("decay_floor", u.settings().decayFloor());
            view.put("settings", settings);
        }
        return view;
    }

    static Map<String, Object> schedule(DebateSchedule s) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", s.id());
        v.put("org_id", s.orgId());
        v.put("topic", s.topic());
        v.put("task", s.spec().task());
        v.put("agents", s.spec().agents());
        v.put("rounds", s.spec().rounds());
        v.put("interval_minutes", s.every().toMinutes());
        v.put("enabled", s.enabled());
        v.put("next_run", s.nextRun().toString());
        v.put("last_run", s.lastRun() == null ? null : s.lastRun().toString());
        v.put("last_debate_id", s.lastDebateId());
        v.put("last_error", s.lastError());
        v.put("runs", s.runs());
        v.put("created_by", s.createdBy());
        v.put("created_at", s.createdAt().toString());
        return v;
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
