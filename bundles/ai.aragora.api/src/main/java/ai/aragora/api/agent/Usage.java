package ai.aragora.api.agent;

import ai.aragora.api.internal.CommonDoubles;

/**
 * What one call cost and which model actually answered it (after any provider fallback).
 * {@code costUsd} is null when the provider does not say.
 */
public record Usage(long inputTokens, long outputTokens, Double costUsd, String model) {

    public static final Usage NONE = new Usage(0, 0, null, null);

    public Usage {
        if (inputTokens < 0 || outputTokens < 0) {
            throw new IllegalArgumentException("token counts cannot be negative");
        }
        if (costUsd != null && (costUsd < 0 || costUsd.isNaN() || costUsd.isInfinite())) {
            throw new IllegalArgumentException("cost must be a finite, non-negative number");
        }
        costUsd = CommonDoubles.canonical(costUsd);
    }
}
