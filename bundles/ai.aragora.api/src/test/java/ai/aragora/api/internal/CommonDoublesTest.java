package ai.aragora.api.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommonDoublesTest {

    @Test
    void numbersInHundredthsUpToTenShareOneBox() {
        for (double v : new double[] {0.0, 0.01, 0.79, 0.87, 1.0, 7.0, 9.99, 10.0}) {
            Double a = CommonDoubles.canonical(Double.valueOf(v));
            Double b = CommonDoubles.canonical(Double.valueOf(v));
            assertThat(a).isSameAs(b).isEqualTo(v);
        }
    }

    @Test
    void otherNumbersKeepTheirOwnBox() {
        for (double v : new double[] {0.7312, 0.125, -0.0, -1.0, 10.01, 1e-9, Double.NaN, Double.POSITIVE_INFINITY}) {
            Double box = Double.valueOf(v);
            assertThat(CommonDoubles.canonical(box)).isSameAs(box);
        }
    }

    @Test
    void onlyDoublesAreReplaced() {
        Object text = "0.5";
        assertThat(CommonDoubles.canonical(text)).isSameAs(text);
        assertThat(CommonDoubles.canonical((Object) Double.valueOf(0.5))).isSameAs(CommonDoubles.canonical(Double.valueOf(0.5)));
        assertThat(CommonDoubles.canonical((Double) null)).isNull();
    }
}
