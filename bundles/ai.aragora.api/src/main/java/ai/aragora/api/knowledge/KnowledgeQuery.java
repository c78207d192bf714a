package ai.aragora.api.knowledge;

import java.util.Objects;
import java.util.Set;

/**
 * A search within one org: always within it, never across orgs.
 *
 * @param workspaceId one workspace, or null for every workspace of the org
 * @param kinds the kinds wanted, empty for all
 * @param coldest the coldest tier wanted ({@link Tier#GLACIAL} for all)
 */
public record KnowledgeQuery(String orgId, String workspaceId, String text, int limit, double minConfidence,
        Set<NodeKind> kinds, Tier coldest) {

    public static final int MAX_LIMIT = 200;
    public static final int MAX_TEXT = 10_000;

    public KnowledgeQuery {
        orgId = NewNode.name("org_id", orgId);
        workspaceId = workspaceId == null || workspaceId.isBlank() ? null : NewNode.name("workspace_id", workspaceId);
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("query must not be empty");
        }
        if (text.length() > MAX_TEXT) {
            throw new IllegalArgumentException("query must be at most " + MAX_TEXT + " characters, got " + text.length());
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        if (!(minConfidence >= 0 && minConfidence <= 1)) {
            throw new IllegalArgumentException("min_confidence must be within [0, 1], got " + minConfidence);
        }
        kinds = kinds == null ? Set.of() : Set.copyOf(kinds);
        coldest = Objects.requireNonNullElse(coldest, Tier.GLACIAL);
    }

    public static KnowledgeQuery of(String orgId, String workspaceId, String text, int limit) {
        return new KnowledgeQuery(orgId, workspaceId, text, limit, 0, Set.of(), Tier.GLACIAL);
    }
}
