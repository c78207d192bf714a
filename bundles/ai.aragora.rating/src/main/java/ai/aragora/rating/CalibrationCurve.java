package ai.aragora.rating;

import ai.aragora.api.rating.Calibration;

/**
 * One agent's vote confidences against how often those votes picked the winner, in ten
 * confidence buckets ([0, 0.1), [0.1, 0.2) ... [0.9, 1]). Not thread-safe: the rating service
 * guards it.
 */
final class CalibrationCurve {

    static final int BUCKETS = 10;
    /** How many predictions of a bucket count as much as the agent's own statement when adjusting it. */
    static final double PRIOR = 5;

    private final int[] count = new int[BUCKETS];
    private final double[] confidence = new double[BUCKETS];
    private final int[] correct = new int[BUCKETS];
    private int total;
    private double squaredError;

    void add(double stated, boolean right) {
        int b = bucket(stated);
        count[b]++;
        confidence[b] += stated;
        if (right) {
            correct[b]++;
        }
        total++;
        double outcome = right ? 1 : 0;
        squaredError += (stated - outcome) * (stated - outcome);
    }

    int predictions() {
        return total;
    }

    /** Mean squared difference between confidence and outcome: 0 is perfect, 0.25 is a coin flip at 0.5. */
    double brierScore() {
        return total == 0 ? 0 : squaredError / total;
    }

    /** Sum over buckets of the bucket's share of predictions times |accuracy - mean confidence|. */
    double expectedCalibrationError() {
        if (total == 0) {
            return 0;
        }
        double ece = 0;
        for (int b = 0; b < BUCKETS; b++) {
            if (count[b] > 0) {
                double accuracy = (double) correct[b] / count[b];
                double meanConfidence = confidence[b] / count[b];
                ece += (double) count[b] / total * Math.abs(accuracy - meanConfidence);
            }
        }
        return ece;
    }

    /**
     * The stated confidence moved toward how often this agent was right when it said about as
     * much: by the bucket's miscalibration, weighted by how much evidence the bucket holds.
     * Unchanged until the agent has {@link Calibration#MIN_PREDICTIONS} predictions.
     */
    double adjust(double stated) {
        if (total < Calibration.MIN_PREDICTIONS) {
            return stated;
        }
        int b = bucket(stated);
        if (count[b] == 0) {
            return stated;
        }
        double overconfidence = confidence[b] / count[b] - (double) correct[b] / count[b];
        double adjusted = stated - overconfidence * count[b] / (count[b] + PRIOR);
        return Math.max(0, Math.min(1, adjusted));
    }

    Calibration snapshot(String agent) {
        return new Calibration(agent, total, brierScore(), expectedCalibrationError());
    }

    static int bucket(double confidence) {
        return Math.min(BUCKETS - 1, Math.max(0, (int) (confidence * BUCKETS)));
    }
}
