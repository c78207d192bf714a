package ai.aragora.api.storage;

import java.time.Instant;
import java.util.Objects;

/**
 * A caller's judgement of one decision: a score from 1 (poor) to 5 (excellent), of a kind
 * ({@code debate_quality} unless said otherwise), with an optional comment.
 */
public record DecisionFeedback(String id, String decisionId, String orgId, String type, int score, String comment,
        String createdBy, Instant createdAt) {

    public static final int MIN_SCORE = 1;
    public static final int MAX_SCORE = 5;

    public DecisionFeedback {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(decisionId, "decisionId");
        Objects.requireNonNull(orgId, "orgId");
        type = type == null || type.isBlank() ? "debate_quality" : type;
        if (score < MIN_SCORE || score > MAX_SCORE) {
            throw new IllegalArgumentException("score must be between " + MIN_SCORE + " and " + MAX_SCORE + ", got " + score);
        }
        comment = comment == null ? "" : comment;
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
