package ai.aragora.knowledge.adapter.elo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.knowledge.Learned;
import ai.aragora.api.knowledge.NewNode;
import ai.aragora.api.knowledge.NodeKind;
import ai.aragora.api.rating.Calibration;
import ai.aragora.api.rating.Rating;
import ai.aragora.api.rating.RatingChange;
import ai.aragora.api.rating.RatingService;
import ai.aragora.storage.jdbc.Fixtures;

class EloAdapterTest {

    /** A history of rating changes; nothing else. */
    record History(Map<String, List<RatingChange>> byAgent) implements RatingService {
        @Override
        public List<RatingChange> history(String agent, int limit) {
            return byAgent.getOrDefault(agent, List.of());
        }

        @Override
        public Rating rating(String agent, String domain) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Rating> leaderboard(String domain, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Calibration calibration(String agent) {
            throw new UnsupportedOperationException();
        }

        @Override
        public double voteWeight(String agent) {
            throw new UnsupportedOperationException();
        }

        @Override
        public double calibratedConfidence(String agent, double stated) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void record(DebateResult result) {
            throw new UnsupportedOperationException();
        }
    }

    private static final Instant T = Fixtures.T0;

    @Test
    void eachRatingTheDebateChangedInItsDomainBecomesANode() {
        EloAdapter adapter = new EloAdapter(new History(Map.of(
                "demo-supportive", List.of(new RatingChange("demo-supportive", "general", "d1", 1500, 1516, T),
                        new RatingChange("demo-supportive", "general", "d0", 1490, 1500, T)),
                "demo-critical", List.of(new RatingChange("demo-critical", "general", "d1", 1500, 1484, T),
                        new RatingChange("demo-critical", "security", "d1", 1500, 1484, T)))));

        Learned learned = adapter.forward(Fixtures.result("d1", "acme", T), Optional.empty());

        assertThat(learned.nodes()).extracting(NewNode::content).containsExactly(
                "demo-supportive's general rating rose from 1500 to 1516 in the debate on \"" + Fixtures.spec("acme").task()
                        + "\", whose proposal was decided",
                "demo-critical's general rating fell from 1500 to 1484 in the debate on \"" + Fixtures.spec("acme").task() + "\"");
        assertThat(learned.nodes()).allSatisfy(n -> assertThat(n.kind()).isEqualTo(NodeKind.RATING));
        assertThat(learned.nodes().get(0).confidence()).isGreaterThan(0.5);
        assertThat(learned.nodes().get(1).confidence()).isLessThan(0.5);
        assertThat(learned.nodes().get(0).metadata()).containsEntry("elo", "1516.0").containsEntry("agent", "demo-supportive");
    }

    @Test
    void aDebateThatChangedNoRatingTeachesNothing() {
        assertThat(new EloAdapter(new History(Map.of())).forward(Fixtures.result("d1", "acme", T), Optional.empty()))
                .isEqualTo(Learned.NOTHING);
    }
}
