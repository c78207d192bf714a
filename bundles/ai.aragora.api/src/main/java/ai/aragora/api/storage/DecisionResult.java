package ai.aragora.api.storage;

import java.time.Instant;
import java.util.Objects;

/**
 * One routing decision, kept for audit and replay: which workspace asked ({@code requestKey}
 * identifies the request, e.g. its hash, never its secrets), where it was routed, under which
 * policy version, the result as JSON text, whether it came from the cache and how long it took.
 */
public record DecisionResult(String id, String workspaceId, String requestKey, String route, String policyVersion,
        String result, boolean cached, long durationMillis, Instant decidedAt) {

    public DecisionResult {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(requestKey, "requestKey");
        Objects.requireNonNull(route, "route");
        policyVersion = policyVersion == null ? "" : policyVersion;
        result = result == null ? "{}" : result;
        Objects.requireNonNull(decidedAt, "decidedAt");
        if (durationMillis < 0) {
            throw new IllegalArgumentException("durationMillis must not be negative");
        }
    }
}
