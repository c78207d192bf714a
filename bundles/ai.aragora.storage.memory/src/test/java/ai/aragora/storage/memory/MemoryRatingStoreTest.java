package ai.aragora.storage.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import ai.aragora.api.rating.Rating;
import ai.aragora.api.rating.RatingChange;
import ai.aragora.api.storage.Prediction;

class MemoryRatingStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private final MemoryRatingStore store = new MemoryRatingStore(2, 3);

    @Test
    void ratingsArePerDomainAndRankedBestFirst() {
        store.recordMatch("d1", List.of(new Rating("a", "general", 1510, 1, 0, 0, 1), new Rating("b", "general", 1490, 0, 1, 0, 1),
                new Rating("a", "security", 1480, 0, 1, 0, 1)), List.of(), List.of());

        assertThat(store.top("general", 10)).extracting(Rating::agent).containsExactly("a", "b");
        assertThat(store.top("general", 1)).hasSize(1);
        assertThat(store.find("a", "security").orElseThrow().elo()).isEqualTo(1480);
        assertThat(store.find("b", "security")).isEmpty();
        assertThat(store.top("law", 5)).isEmpty();
    }

    @Test
    void historyAndPredictionsKeepTheNewest() {
        for (int i = 1; i <= 4; i++) {
            store.recordMatch("d" + i, List.of(), List.of(new RatingChange("a", "general", "d" + i, 1500, 1500 + i, T0)),
                    List.of(new Prediction("a", "d" + i, 0.5, i % 2 == 0, T0)));
        }
        assertThat(store.history("a", 10)).extracting(RatingChange::debateId).containsExactly("d4", "d3");
        assertThat(store.history("a", 1)).extracting(RatingChange::debateId).containsExactly("d4");
        assertThat(store.predictions("a")).extracting(Prediction::debateId).containsExactly("d2", "d3", "d4");
        assertThat(store.predictions("z")).isEmpty();
    }
}
