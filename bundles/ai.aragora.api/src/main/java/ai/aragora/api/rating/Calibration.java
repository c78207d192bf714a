package ai.aragora.api.rating;

/**
 * How well an agent's stated vote confidence matches how often it is right: the Brier score
 * (0 is perfect) and the expected calibration error over 10 buckets.
 */
public record Calibration(String agent, int predictions, double brierScore, double expectedCalibrationError) {

    /** Predictions needed before an agent's confidences are adjusted. */
    public static final int MIN_PREDICTIONS = 10;

    public boolean isTrusted() {
        return predictions >= MIN_PREDICTIONS;
    }
}
