package ai.aragora.debate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DecimalsTest {

    private static String text(double value, int places) {
        return Decimals.append(new StringBuilder(), value, places).toString();
    }

    @Test
    void fixedDecimalsRoundHalfUp() {
        assertThat(text(0.8, 2)).isEqualTo("0.80");
        assertThat(text(0.666666, 2)).isEqualTo("0.67");
        assertThat(text(0.05, 2)).isEqualTo("0.05");
        assertThat(text(7, 0)).isEqualTo("7");
        assertThat(text(6.5, 1)).isEqualTo("6.5");
        assertThat(text(1, 3)).isEqualTo("1.000");
        assertThat(text(-1, 2)).isEqualTo("0.00");
    }

    @Test
    void roundingForData() {
        assertThat(Decimals.round(2.0 / 3, 4)).isEqualTo(0.6667);
        assertThat(Decimals.round(0.12345, 3)).isEqualTo(0.123);
    }
}
