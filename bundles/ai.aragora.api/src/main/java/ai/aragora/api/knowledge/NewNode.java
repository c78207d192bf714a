package ai.aragora.api.knowledge;

import java.util.Map;
import java.util.Objects;

/**
 * A node as offered to the mound. Content identical after whitespace is collapsed (see
 * {@link ContentHash}) in the same org and workspace is the same node: offering it again
 * strengthens that node and adds this provenance.
 */
public record NewNode(String orgId, String workspaceId, NodeKind kind, String content, double confidence,
        Map<String, String> metadata, Provenance provenance) {

    public static final int MAX_CONTENT = 20_000;
    public static final int MAX_METADATA = 32;
    public static final int MAX_NAME = 128;
    public static final String DEFAULT_WORKSPACE = "default";

    public NewNode {
        orgId = name("org_id", orgId);
        workspaceId = workspaceId == null || workspaceId.isBlank() ? DEFAULT_WORKSPACE : name("workspace_id", workspaceId);
        Objects.requireNonNull(kind, "kind");
        if (content == null || content.isBlank()) {
            throw new IllegalArgumentException("content must not be empty");
        }
        if (content.length() > MAX_CONTENT) {
            throw new IllegalArgumentException("content must be at most " + MAX_CONTENT + " characters, got " + content.length());
        }
        if (content.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("content must not contain NUL characters");
        }
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be within [0, 1], got " + confidence);
        }
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        if (metadata.size() > MAX_METADATA) {
            throw new IllegalArgumentException("metadata may have at most " + MAX_METADATA + " entries");
        }
        Objects.requireNonNull(provenance, "provenance");
    }

    /** An org, workspace or adapter name: 1-128 characters, no control characters. */
    static String name(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be empty");
        }
        if (value.length() > MAX_NAME || value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(field + " must be at most " + MAX_NAME + " characters without control characters");
        }
        return value;
    }

    public String contentHash() {
        return ContentHash.of(content);
    }
}
