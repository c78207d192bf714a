package ai.aragora.api.knowledge;

import java.time.Instant;
import java.util.Map;

import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.debate.DebateSpec;

/** What every adapter reads the same way from a finished debate: its workspace, its domain, a node's provenance. */
public final class DebateKnowledge {

    /** Spec metadata key naming the debate's domain (as ratings read it). */
    public static final String DOMAIN = "domain";
    public static final String GENERAL = "general";

    private DebateKnowledge() {
    }

    /** The debate's workspace, null when it names none (the mound's default workspace). */
    public static String workspace(DebateSpec spec) {
        return spec.metadata().get(DebateSpec.WORKSPACE);
    }

    public static String domain(DebateSpec spec) {
        String domain = spec.metadata().get(DOMAIN);
        return domain == null || domain.isBlank() ? GENERAL : domain;
    }

    /** A node {@code adapter} learned from {@code result}, in the debate's org and workspace. */
    public static NewNode node(DebateResult result, String adapter, NodeKind kind, String content, double confidence,
            Map<String, String> metadata) {
        Instant at = result.completedAt() != null ? result.completedAt() : result.createdAt();
        return new NewNode(result.spec().orgId(), workspace(result.spec()), kind, clip(content), Math.max(0, Math.min(1, confidence)),
                metadata, Provenance.ofDebate(adapter, result.id(), result.receiptId(), at));
    }

    /** Content longer than a node holds keeps its beginning. */
    public static String clip(String content) {
        return content.length() <= NewNode.MAX_CONTENT ? content : content.substring(0, NewNode.MAX_CONTENT - 3) + "...";
    }
}
