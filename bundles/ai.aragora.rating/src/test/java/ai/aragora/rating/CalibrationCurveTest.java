package ai.aragora.rating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CalibrationCurveTest {

    @Test
    void brierScoreAndExpectedCalibrationErrorOverTenBuckets() {
        CalibrationCurve curve = new CalibrationCurve();
        curve.add(0.9, true);
        curve.add(0.9, false);
        curve.add(0.6, true);
        curve.add(0.2, false);
        assertThat(curve.brierScore()).isCloseTo(0.255, within(1e-12));
        assertThat(curve.expectedCalibrationError()).isCloseTo(0.35, within(1e-12));
        assertThat(curve.snapshot("a").predictions()).isEqualTo(4);
    }

    @Test
    void aPerfectForecasterScoresZero() {
        CalibrationCurve curve = new CalibrationCurve();
        curve.add(1.0, true);
        curve.add(0.0, false);
        assertThat(curve.brierScore()).isZero();
        assertThat(curve.expectedCalibrationError()).isZero();
    }

    @Test
    void confidencesAreAdjustedOnlyAfterTenPredictions() {
        CalibrationCurve curve = new CalibrationCurve();
        for (int i = 0; i < 9; i++) {
            curve.add(0.9, i % 2 == 0);
        }
        assertThat(curve.adjust(0.9)).isEqualTo(0.9);
        curve.add(0.9, false);
        // ten predictions at 0.9, right half the time: overconfident by 0.4, trusted 10 / (10 + 5)
        assertThat(curve.adjust(0.9)).isCloseTo(0.9 - 0.4 * 10 / 15, within(1e-12));
        assertThat(curve.adjust(0.95)).isCloseTo(0.95 - 0.4 * 10 / 15, within(1e-12));
        assertThat(curve.adjust(0.3)).as("no history in this bucket").isEqualTo(0.3);
    }

    @Test
    void bucketsCoverTheUnitInterval() {
        assertThat(CalibrationCurve.bucket(0.0)).isZero();
        assertThat(CalibrationCurve.bucket(0.09)).isZero();
        assertThat(CalibrationCurve.bucket(0.1)).isEqualTo(1);
        assertThat(CalibrationCurve.bucket(0.95)).isEqualTo(9);
        assertThat(CalibrationCurve.bucket(1.0)).isEqualTo(9);
    }
}
