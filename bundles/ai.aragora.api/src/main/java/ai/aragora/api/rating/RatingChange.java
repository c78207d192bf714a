package ai.aragora.api.rating;

import java.time.Instant;

/** One step of an agent's rating history, caused by one debate. */
public record RatingChange(String agent, String domain, String debateId, double before, double after, Instant at) {
}
