package ai.aragora.api.storage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/** The audit trail of routing decisions. Append-only but for retention. */
@ProviderType
public interface DecisionResultStore {

    /** Storing the same id twice keeps the first. */
    CompletionStage<Void> record(DecisionResult result);

    Optional<DecisionResult> find(String id);

    /** Newest first, decided at or after {@code since} (null for all). */
    Page<DecisionResult> list(String workspaceId, Instant since, int offset, int limit);

    /** The latest decision for a request, for replay. */
    Optional<DecisionResult> latest(String requestKey);

    /** Removes decisions older than {@code cutoff}; returns how many. */
    CompletionStage<Integer> deleteBefore(Instant cutoff);

    /** Newest first, for an export before deletion. */
    List<DecisionResult> before(Instant cutoff, int limit);
}
