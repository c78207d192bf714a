package ai.aragora.receipts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EcmaScriptNumbersTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0000000000000000|0",
            "8000000000000000|0",
            "0000000000000001|5e-324",
            "8000000000000001|-5e-324",
            "7fefffffffffffff|1.7976931348623157e+308",
            "ffefffffffffffff|-1.7976931348623157e+308",
            "4340000000000000|9007199254740992",
            "c340000000000000|-9007199254740992",
            "4430000000000000|295147905179352830000",
            "44b52d02c7e14af5|9.999999999999997e+22",
            "44b52d02c7e14af6|1e+23",
            "44b52d02c7e14af7|1.0000000000000001e+23",
            "444b1ae4d6e2ef4e|999999999999999700000",
            "444b1ae4d6e2ef4f|999999999999999900000",
            "444b1ae4d6e2ef50|1e+21",
            "3eb0c6f7a0b5ed8c|9.999999999999997e-7",
            "3eb0c6f7a0b5ed8d|0.000001",
            "41b3de4355555553|333333333.3333332",
            "41b3de4355555554|333333333.33333325",
            "41b3de4355555555|333333333.3333333",
            "41b3de4355555556|333333333.3333334",
            "41b3de4355555557|333333333.33333343",
            "becbf647612f3696|-0.0000033333333333333333",
            "43143ff3c1cb0959|1424953923781206.2"})
    void rfc8785AppendixBNumbers(String bits, String expected) {
        assertThat(EcmaScriptNumbers.toString(Double.longBitsToDouble(Long.parseUnsignedLong(bits, 16)))).isEqualTo(expected);
    }

    @Test
    void edgeCasesNamedInTheIssue() {
        assertThat(EcmaScriptNumbers.toString(1e21)).isEqualTo("1e+21");
        assertThat(EcmaScriptNumbers.toString(1e20)).isEqualTo("100000000000000000000");
        assertThat(EcmaScriptNumbers.toString(1e-7)).isEqualTo("1e-7");
        assertThat(EcmaScriptNumbers.toString(1e-6)).isEqualTo("0.000001");
        assertThat(EcmaScriptNumbers.toString(-0.0)).isEqualTo("0");
        assertThat(EcmaScriptNumbers.toString(Double.parseDouble("9007199254740993"))).isEqualTo("9007199254740992");
        assertThat(EcmaScriptNumbers.toString(9007199254740994.0)).isEqualTo("9007199254740994");
        assertThat(EcmaScriptNumbers.toString(Double.MIN_VALUE)).isEqualTo("5e-324");
        assertThat(EcmaScriptNumbers.toString(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(EcmaScriptNumbers.toString(1e300 * 10)).isEqualTo("1e+301");
        assertThat(EcmaScriptNumbers.toString(1.23e-18)).isEqualTo("1.23e-18");
        assertThat(EcmaScriptNumbers.toString(4.5)).isEqualTo("4.5");
        assertThat(EcmaScriptNumbers.toString(1.0)).isEqualTo("1");
    }

    /** JDK 17's Double.toString prints 9.999999999999999E22 and 2.82879384806159008E17: not the shortest digits. */
    @Test
    void shortestDigitsWhereJdk17IsNot() {
        assertThat(EcmaScriptNumbers.toString(1.0e23)).isEqualTo("1e+23");
        assertThat(EcmaScriptNumbers.toString(2.82879384806159e17)).isEqualTo("282879384806159000");
    }

    @Test
    void nonFiniteNumbersAreRejected() {
        for (double v : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            assertThatThrownBy(() -> EcmaScriptNumbers.toString(v)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    /** Node's String(Number) over 13,000 doubles: random bit patterns, everyday decimals, every power of ten. */
    @Test
    void agreesWithAnEcmaScriptEngine() throws IOException {
        List<String> mismatches = new ArrayList<>();
        int count = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                getClass().getResourceAsStream("/ecmascript-numbers.txt"), StandardCharsets.US_ASCII))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] parts = line.split(" ");
                double value = Double.longBitsToDouble(Long.parseUnsignedLong(parts[0], 16));
                String actual = EcmaScriptNumbers.toString(value);
                if (!actual.equals(parts[1])) {
                    mismatches.add(parts[0] + ": expected " + parts[1] + ", got " + actual);
                }
                count++;
            }
        }
        assertThat(count).isGreaterThan(13_000);
        assertThat(mismatches).isEmpty();
    }

    /** Whatever is printed parses back to the same double (the round-trip property). */
    @Test
    void everyOutputRoundTrips() {
        Random random = new Random(8785);
        for (int i = 0; i < 20_000; i++) {
            double v = Double.longBitsToDouble(random.nextLong());
            if (Double.isFinite(v)) {
                assertThat(Double.parseDouble(EcmaScriptNumbers.toString(v))).as(Double.toString(v)).isEqualTo(v == 0 ? 0.0 : v);
            }
        }
    }

    /** Schubfach's digits either decline (one digit would do) or agree with the exact search. */
    @Test
    void shortestDigitsAgreeWithTheExactSearch() {
        Random random = new Random(19);
        int quick = 0;
        for (int i = 0; i < 300_000; i++) {
            double v = switch (i % 3) {
                case 0 -> Math.abs(Double.longBitsToDouble(random.nextLong()));
                case 1 -> random.nextInt(1_000_000) / Math.pow(10, random.nextInt(12));
                default -> random.nextDouble() * Math.pow(10, random.nextInt(30) - 15);
            };
            if (!Double.isFinite(v) || v == 0) {
                continue;
            }
            String fast = EcmaScriptNumbers.shortest(v);
            if (fast != null) {
                quick++;
                assertThat(fast).as(Double.toString(v)).isEqualTo(EcmaScriptNumbers.bySearch(v));
            }
        }
        assertThat(quick).isGreaterThan(290_000);
        assertThat(EcmaScriptNumbers.shortest(Double.MIN_VALUE)).as("4.9e-324 is Schubfach's, 5e-324 ECMAScript's").isNull();
        assertThat(EcmaScriptNumbers.toString(2.82879384806159e17)).isEqualTo(EcmaScriptNumbers.bySearch(2.82879384806159e17));
    }
}
