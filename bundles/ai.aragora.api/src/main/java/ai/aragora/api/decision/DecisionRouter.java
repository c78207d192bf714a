package ai.aragora.api.decision;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import ai.aragora.api.storage.DecisionResult;
import ai.aragora.api.storage.Page;

/**
 * Takes decisions, answers repeated ones from the cache, queues the rest by priority in front of
 * the engine, and records every one in the decision audit trail. A decision returned by
 * {@link #submit} is recorded: it can be read back at once.
 */
@ProviderType
public interface DecisionRouter {

    /**
     * @throws IllegalArgumentException naming the field when the request cannot run here (an
     *         unknown agent, a refused callback URL, a limit of the engine)
     * @throws IllegalStateException when the router cannot take decisions now (no store, no engine,
     *         callbacks asked for but not available); the message says which
     */
    DecisionResult submit(DecisionRequest request);

    Optional<DecisionResult> find(String id);

    /** Newest first; {@code orgId} null for every org, the filters null for any. */
    Page<DecisionResult> list(String orgId, DecisionStatus status, DecisionType type, int offset, int limit);

    /**
     * Cancels a pending or running decision.
     *
     * @return the decision as cancelled, empty when there is no such decision
     * @throws IllegalStateException when it has already ended
     */
    Optional<DecisionResult> cancel(String id, String reason);

    /**
     * Runs a failed, cancelled or timed-out decision again as a new decision that names it in
     * {@code retriedFrom}.
     *
     * @return the new decision, empty when there is no such decision
     * @throws IllegalStateException when it completed or has not ended
     */
    Optional<DecisionResult> retry(String id);
}
