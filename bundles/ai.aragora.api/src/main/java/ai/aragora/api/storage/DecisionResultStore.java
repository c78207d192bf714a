package ai.aragora.api.storage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The audit trail of decisions. A decision is recorded when it is asked for and updated as it
 * runs and ends; nothing else changes a recorded decision, and only retention removes one.
 */
@ProviderType
public interface DecisionResultStore {

    /** Storing the same id twice keeps the first. */
    CompletionStage<Void> record(DecisionResult result);

    Optional<DecisionResult> find(String id);

    /** Newest first, decided at or after {@code since} (null for all). */
    Page<DecisionResult> list(String workspaceId, Instant since, int offset, int limit);

    /** The latest decision for a request, for replay. */
    Optional<DecisionResult> latest(String requestKey);

    /** Replaces the state of a recorded decision (status, result, receipt, error, timings); false if it is unknown. */
    CompletionStage<Boolean> update(DecisionResult result);

    /**
     * Newest asked-for first, of one org (null for every org), optionally of one status and one
     * route (null for any).
     */
    Page<DecisionResult> list(String orgId, String status, String route, int offset, int limit);

    /** Records feedback on a decision; storing the same id twice keeps the first. */
    CompletionStage<Void> feedback(DecisionFeedback feedback);

    /** The feedback on a decision, oldest first. */
    List<DecisionFeedback> feedbackOn(String decisionId);

    /** Removes decisions older than {@code cutoff}; returns how many. */
    CompletionStage<Integer> deleteBefore(Instant cutoff);

    /** Newest first, for an export before deletion. */
    List<DecisionResult> before(Instant cutoff, int limit);
}
