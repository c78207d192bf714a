package ai.aragora.rating;

/**
 * Multi-agent ELO: every pair of participants plays one game whose result is the share of the
 * pair's debate scores ({@code sa / (sa + sb)}, a draw when both scored nothing). All changes of a
 * debate are computed from the ratings before it, then applied together.
 */
final class Elo {

    static final double K = 32;

    private Elo() {
    }

    /** The expected score of a player rated {@code ra} against one rated {@code rb}. */
    static double expected(double ra, double rb) {
        return 1 / (1 + Math.pow(10, (rb - ra) / 400));
    }

    /** The winner scores 1; everyone else 0.5 when the debate reached consensus (they shaped it), else 0. */
    static double score(boolean winner, boolean consensusReached) {
        return winner ? 1.0 : consensusReached ? 0.5 : 0.0;
    }

    /** The rating change of each participant, in the order given. */
    static double[] changes(double[] ratings, double[] scores) {
        int n = ratings.length;
        double[] delta = new double[n];
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                double total = scores[a] + scores[b];
                double actual = total > 0 ? scores[a] / total : 0.5;
                double change = K * (actual - expected(ratings[a], ratings[b]));
                delta[a] += change;
                delta[b] -= change;
            }
        }
        return delta;
    }
}
