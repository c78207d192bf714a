package ai.aragora.api.storage;

import java.time.Instant;
import java.util.Objects;

/**
 * One decision, kept for audit and replay: which org and workspace asked ({@code requestKey} is
 * the digest of the normalised request, never its secrets), where it was routed (its decision
 * type), under which policy version, the request as JSON text (what a replay or a retry runs
 * again), its state, the result as JSON text, the receipt that signs it, whether it came from
 * the cache and from which decision, and its timings.
 *
 * @param decidedAt when it ended; while it is pending or running, when it was asked for
 * @param durationMillis from start to end; 0 until it ends
 * @param status pending, processing, completed, failed, cancelled or timeout
 * @param request the request as JSON text
 * @param receiptId the signed receipt, null when none was issued
 * @param cachedFrom the decision whose result a cached one repeats, null when not cached
 * @param retriedFrom the decision a retry runs again, null for a first attempt
 * @param error why it failed, was cancelled or timed out; null otherwise
 * @param createdAt when it was asked for
 */
public record DecisionResult(String id, String workspaceId, String requestKey, String route, String policyVersion,
        String result, boolean cached, long durationMillis, Instant decidedAt, String orgId, String status,
        String priority, String request, String receiptId, String cachedFrom, String retriedFrom, String error,
        Instant createdAt) {

    public static final String COMPLETED = "completed";

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
        orgId = orgId == null ? workspaceId : orgId;
        status = status == null ? COMPLETED : status;
        priority = priority == null ? "normal" : priority;
        request = request == null ? "{}" : request;
        createdAt = createdAt == null ? decidedAt : createdAt;
    }

    /** A finished routing decision as first recorded: completed, of its workspace's org. */
    public DecisionResult(String id, String workspaceId, String requestKey, String route, String policyVersion,
            String result, boolean cached, long durationMillis, Instant decidedAt) {
        this(id, workspaceId, requestKey, route, policyVersion, result, cached, durationMillis, decidedAt, null, null, null,
                null, null, null, null, null, null);
    }

    /** This decision in another state, ended or not. */
    public DecisionResult with(String newStatus, String newResult, String newReceiptId, String newError,
            long newDurationMillis, Instant at) {
        return new DecisionResult(id, workspaceId, requestKey, route, policyVersion, newResult, cached, newDurationMillis,
                at, orgId, newStatus, priority, request, newReceiptId, cachedFrom, retriedFrom, newError, createdAt);
    }
}
