package ai.aragora.rating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import ai.aragora.api.agent.Vote;
import ai.aragora.api.debate.ConsensusMode;
import ai.aragora.api.debate.ConsensusOutcome;
import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.debate.DebateSpec;
import ai.aragora.api.debate.DebateStatus;
import ai.aragora.api.debate.Participant;
import ai.aragora.api.rating.Rating;
import ai.aragora.api.rating.RatingChange;
import ai.aragora.api.storage.Prediction;
import ai.aragora.api.storage.RatingStore;

class EloRatingsTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private final Store store = new Store();
    private final EloRatings ratings = new EloRatings(store, Clock.fixed(T0, ZoneOffset.UTC));

    /** Just enough store: what the service wrote, and what it reads back. */
    static final class Store implements RatingStore {
        final Map<String, Rating> rows = new ConcurrentHashMap<>();
        final List<RatingChange> changes = new ArrayList<>();
        final List<Prediction> predictions = new ArrayList<>();
        /** Reads of this domain wait for {@link #release} once they have counted down {@link #reading}. */
        volatile String slowDomain;
        final CountDownLatch reading = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public Optional<Rating> find(String agent, String domain) {
            if (domain.equals(slowDomain)) {
                reading.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return Optional.ofNullable(rows.get(domain + "/" + agent));
        }

        @Override
        public List<Rating> top(String domain, int limit) {
            return rows.values().stream().filter(r -> r.domain().equals(domain))
                    .sorted(Comparator.comparingDouble(Rating::elo).reversed()).limit(limit).toList();
        }

        @Override
        public CompletionStage<Void> recordMatch(String debateId, List<Rating> r, List<RatingChange> c, List<Prediction> p) {
            r.forEach(x -> rows.put(x.domain() + "/" + x.agent(), x));
            changes.addAll(c);
            predictions.addAll(p);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public List<RatingChange> history(String agent, int limit) {
            return changes.stream().filter(c -> c.agent().equals(agent)).limit(limit).toList();
        }

        @Override
        public List<Prediction> predictions(String agent) {
            return predictions.stream().filter(p -> p.agent().equals(agent)).toList();
        }
    }

    private static DebateResult debate(String id, DebateStatus status, String winner, boolean reached, String domain,
            List<Vote> votes) {
        DebateSpec spec = DebateSpec.builder("task").agents(List.of("a", "b", "c"))
                .metadata(domain == null ? Map.of() : Map.of("domain", domain)).build();
        List<Participant> participants = List.of(new Participant("a", "demo", "m", "demo", "1"),
                new Participant("b", "demo", "m", "demo", "1"), new Participant("c", "demo", "m", "demo", "1"));
        ConsensusOutcome outcome = new ConsensusOutcome(reached, 0.67, List.of(), List.of(), ConsensusMode.MAJORITY, winner);
        return new DebateResult(id, spec, status, "answer", outcome, null, 2, 1, participants, winner, List.of(),
                List.of(), List.of(), votes, null, null, 0, List.of(), null, T0, T0, null);
    }

    private static Vote vote(String agent, String choice, int round, double confidence) {
        return new Vote(agent, choice, round, confidence, "", false, null);
    }

    @Test
    void aDecidedDebateUpdatesEveryPairAndTheCounters() {
        ratings.record(debate("d1", DebateStatus.CONSENSUS_REACHED, "a", true, null, List.of()));

        assertThat(ratings.rating("a", "general").elo()).isCloseTo(1510.6666667, within(1e-6));
        assertThat(ratings.rating("b", "general").elo()).isCloseTo(1494.6666667, within(1e-6));
        assertThat(ratings.rating("a", "general")).extracting(Rating::wins, Rating::losses, Rating::draws, Rating::games)
                .containsExactly(1, 0, 0, 1);
        assertThat(ratings.rating("c", "general")).extracting(Rating::wins, Rating::losses, Rating::games)
                .containsExactly(0, 1, 1);
        assertThat(store.rows.get("general/a").elo()).as("written through").isCloseTo(1510.6666667, within(1e-6));
        assertThat(ratings.history("a", 10)).singleElement().satisfies(c -> {
            assertThat(c.before()).isEqualTo(1500);
            assertThat(c.debateId()).isEqualTo("d1");
        });
    }

    /** A slow read of ratings not cached yet holds up only its own debate, not every other debate's update. */
    @Test
    void readingUncachedRatingsDoesNotHoldUpOtherDebates() throws Exception {
        ratings.record(debate("d1", DebateStatus.CONSENSUS_REACHED, "a", true, "ops", List.of()));
        store.slowDomain = "legal";
        Thread slow = new Thread(() -> ratings.record(debate("d2", DebateStatus.CONSENSUS_REACHED, "b", true, "legal", List.of())));
        slow.start();
        assertThat(store.reading.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> other = CompletableFuture.runAsync(
                () -> ratings.record(debate("d3", DebateStatus.CONSENSUS_REACHED, "a", true, "ops", List.of())));
        other.get(10, TimeUnit.SECONDS);
        assertThat(ratings.rating("a", "ops").games()).isEqualTo(2);

        store.release.countDown();
        slow.join(10_000);
        assertThat(ratings.rating("b", "legal").wins()).isEqualTo(1);
        assertThat(ratings.rating("a", "general").games()).isEqualTo(3);
    }

    @Test
    void aJudgeFromOutsideTheDebateIsNotRated() {
        DebateResult judged = debate("d1", DebateStatus.CONSENSUS_REACHED, "a", true, null, List.of());
        List<Participant> withJudge = new ArrayList<>(judged.participants());
        withJudge.add(new Participant("judge-x", "demo", "m", "demo", "1"));
        ratings.record(new DebateResult(judged.id(), judged.spec(), judged.status(), judged.finalAnswer(), judged.consensus(),
                judged.verdict(), judged.roundsUsed(), judged.durationSeconds(), withJudge, judged.winner(), judged.dissentingViews(),
                judged.messages(), judged.critiques(), judged.votes(), judged.baseline(), judged.convergence(),
                judged.tricksterInterventions(), judged.failures(), judged.usage(), judged.createdAt(), judged.completedAt(),
                judged.receiptId()));
        assertThat(ratings.rating("judge-x", "general").games()).isZero();
        assertThat(ratings.rating("a", "general").games()).isEqualTo(1);
        assertThat(store.changes).noneMatch(c -> c.agent().equals("judge-x"));
    }

    @Test
    void noConsensusMeansTheOthersScoreNothing() {
        ratings.record(debate("d1", DebateStatus.COMPLETED, "b", false, null, List.of()));
        assertThat(ratings.rating("b", "general").elo()).isEqualTo(1532);
        assertThat(ratings.rating("a", "general").elo()).isEqualTo(1484);
    }

    @Test
    void noWinnerIsADrawForEveryone() {
        ratings.record(debate("d1", DebateStatus.COMPLETED, null, false, null, List.of()));
        assertThat(ratings.rating("a", "general")).extracting(Rating::elo, Rating::draws, Rating::games)
                .containsExactly(1500.0, 1, 1);
    }

    @Test
    void aDomainIsItsOwnPoolBesideTheGeneralOne() {
        ratings.record(debate("d1", DebateStatus.CONSENSUS_REACHED, "a", true, "Security", List.of()));
        ratings.record(debate("d2", DebateStatus.CONSENSUS_REACHED, "b", true, null, List.of()));

        assertThat(ratings.rating("a", "security").elo()).isCloseTo(1510.6666667, within(1e-6));
        assertThat(ratings.rating("b", "security").elo()).isCloseTo(1494.6666667, within(1e-6));
        assertThat(ratings.rating("a", "general").games()).isEqualTo(2);
        assertThat(ratings.rating("a", "security").games()).isEqualTo(1);
        assertThat(ratings.leaderboard("security", 1)).extracting(Rating::agent).containsExactly("a");
    }

    @Test
    void undecidedDebatesChangeNothing() {
        ratings.record(debate("d1", DebateStatus.CANCELLED, "a", false, null, List.of()));
        ratings.record(debate("d2", DebateStatus.INSUFFICIENT_PARTICIPATION, "a", false, null, List.of()));
        assertThat(store.rows).isEmpty();
    }

    @Test
    void finalRoundVotesBecomePredictionsAndTenOfThemAdjustConfidence() {
        for (int i = 0; i < 10; i++) {
            ratings.record(debate("d" + i, DebateStatus.CONSENSUS_REACHED, "a", true, null,
                    List.of(vote("b", "a", 1, 0.2), vote("b", i % 2 == 0 ? "a" : "c", 2, 0.9))));
        }
        assertThat(store.predictions).hasSize(10).allSatisfy(p -> assertThat(p.confidence()).isEqualTo(0.9));
        assertThat(ratings.calibration("b").predictions()).isEqualTo(10);
        assertThat(ratings.calibration("b").brierScore()).isCloseTo((5 * 0.01 + 5 * 0.81) / 10, within(1e-12));
        assertThat(ratings.calibratedConfidence("b", 0.9)).isCloseTo(0.9 - 0.4 * 10 / 15, within(1e-12));
        assertThat(ratings.calibratedConfidence("a", 0.9)).as("no history").isEqualTo(0.9);
    }

    @Test
    void curvesAreRebuiltFromStoredPredictions() {
        for (int i = 0; i < 10; i++) {
            store.predictions.add(new Prediction("x", "d" + i, 0.8, true, T0));
        }
        assertThat(ratings.calibration("x").predictions()).isEqualTo(10);
        assertThat(ratings.calibratedConfidence("x", 0.8)).isCloseTo(0.8 + 0.2 * 10 / 15, within(1e-12));
    }

    @Test
    void voteWeightFollowsRatingAndCalibrationWithinBounds() {
        assertThat(ratings.voteWeight("new")).isEqualTo(1.0);
        store.rows.put("general/strong", new Rating("strong", "general", 1800, 9, 1, 0, 10));
        assertThat(ratings.voteWeight("strong")).isCloseTo(1.2, within(1e-12));
        store.rows.put("general/huge", new Rating("huge", "general", 9000, 99, 0, 0, 99));
        assertThat(ratings.voteWeight("huge")).isEqualTo(5.0);
        store.rows.put("general/tiny", new Rating("tiny", "general", 100, 0, 99, 0, 99));
        assertThat(ratings.voteWeight("tiny")).isEqualTo(0.1);
        for (int i = 0; i < 10; i++) {
            store.predictions.add(new Prediction("sure", "d" + i, 1.0, true, T0));
        }
        assertThat(ratings.voteWeight("sure")).as("a perfect forecaster weighs 1.5").isCloseTo(1.5, within(1e-12));
    }
}
