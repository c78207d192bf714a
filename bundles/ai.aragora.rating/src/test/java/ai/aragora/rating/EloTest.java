package ai.aragora.rating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class EloTest {

    @Test
    void expectedScoreFollowsTheLogisticCurve() {
        assertThat(Elo.expected(1500, 1500)).isEqualTo(0.5);
        assertThat(Elo.expected(1600, 1400)).isCloseTo(0.7597469, within(1e-7));
        assertThat(Elo.expected(1400, 1600)).isCloseTo(0.2402531, within(1e-7));
    }

    @Test
    void aWinnerWithConsensusGainsLessThanAWinnerWithout() {
        double[] even = {1500, 1500, 1500};
        double[] reached = Elo.changes(even, new double[] {1, 0.5, 0.5});
        assertThat(reached[0]).isCloseTo(10.6666667, within(1e-6));
        assertThat(reached[1]).isCloseTo(-5.3333333, within(1e-6));
        assertThat(reached[2]).isCloseTo(-5.3333333, within(1e-6));

        double[] notReached = Elo.changes(even, new double[] {1, 0, 0});
        assertThat(notReached).containsExactly(32, -16, -16);
    }

    @Test
    void anUpsetMovesRatingsByTheExpectedScore() {
        double[] delta = Elo.changes(new double[] {1600, 1400}, new double[] {0, 1});
        assertThat(delta[0]).isCloseTo(-24.3119017, within(1e-6));
        assertThat(delta[1]).isCloseTo(24.3119017, within(1e-6));
    }

    @Test
    void nobodyScoringIsADraw() {
        assertThat(Elo.changes(new double[] {1500, 1500}, new double[] {0, 0})).containsExactly(0, 0);
        assertThat(Elo.score(true, false)).isEqualTo(1.0);
        assertThat(Elo.score(false, true)).isEqualTo(0.5);
        assertThat(Elo.score(false, false)).isEqualTo(0.0);
    }
}
