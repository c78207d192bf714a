package ai.aragora.debate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import ai.aragora.api.debate.Convergence;

class ConvergenceDetectorTest {

    @Test
    void thresholds() {
        assertThat(ConvergenceDetector.classify(1.0)).isEqualTo(Convergence.CONVERGED);
        assertThat(ConvergenceDetector.classify(0.85)).isEqualTo(Convergence.CONVERGED);
        assertThat(ConvergenceDetector.classify(0.8499)).isEqualTo(Convergence.REFINING);
        assertThat(ConvergenceDetector.classify(0.40)).isEqualTo(Convergence.REFINING);
        assertThat(ConvergenceDetector.classify(0.3999)).isEqualTo(Convergence.DIVERGING);
    }

    @Test
    void aPluggedMeasureReplacesTheBaselineUnlessItMisbehaves() {
        TextProfile a = TextProfile.of("one two");
        TextProfile b = TextProfile.of("three four");
        assertThat(ConvergenceDetector.similarity(null, "one two", a, "three four", b)).isZero();
        assertThat(ConvergenceDetector.similarity((x, y) -> 0.9, "one two", a, "three four", b)).isEqualTo(0.9);
        assertThat(ConvergenceDetector.similarity((x, y) -> 7, "one two", a, "one two", a)).isEqualTo(1.0);
        assertThat(ConvergenceDetector.similarity((x, y) -> {
            throw new IllegalStateException();
        }, "one two", a, "one two", a)).isEqualTo(1.0);
    }
}
