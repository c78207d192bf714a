package ai.aragora.api.storage;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

import ai.aragora.api.rating.Rating;
import ai.aragora.api.rating.RatingChange;

/** Ratings, their history (one match per debate) and calibration predictions. */
@ProviderType
public interface RatingStore {

    Optional<Rating> find(String agent, String domain);

    /** Highest rating first. */
    List<Rating> top(String domain, int limit);

    /** Everything one debate changed, in one transaction: the new ratings, their history, the predictions. */
    CompletionStage<Void> recordMatch(String debateId, List<Rating> ratings, List<RatingChange> changes,
            List<Prediction> predictions);

    /** Newest first. */
    List<RatingChange> history(String agent, int limit);

    /** Oldest first. */
    List<Prediction> predictions(String agent);
}
