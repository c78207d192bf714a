package ai.aragora.api.rating;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

import ai.aragora.api.debate.DebateResult;

/** Ratings and calibration, updated from every finished debate. */
@ProviderType
public interface RatingService {

    Rating rating(String agent, String domain);

    /** Best first. */
    List<Rating> leaderboard(String domain, int limit);

    Calibration calibration(String agent);

    /** The weight of the agent's vote in weighted consensus: from its rating and calibration, clamped to 0.1-5.0. */
    double voteWeight(String agent);

    /** The agent's stated confidence corrected by its calibration once it has enough history; else unchanged. */
    double calibratedConfidence(String agent, double stated);

    List<RatingChange> history(String agent, int limit);

    /** Updates every pair of participants' ratings and the voters' calibration from a finished debate. */
    void record(DebateResult result);
}
