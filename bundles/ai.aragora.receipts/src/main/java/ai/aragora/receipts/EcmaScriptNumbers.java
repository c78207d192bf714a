package ai.aragora.receipts;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

import com.fasterxml.jackson.core.io.schubfach.DoubleToDecimal;

/**
 * ECMAScript {@code Number::toString} for finite doubles, as RFC 8785 requires. JDK 17's
 * {@link Double#toString(double)} does not always give the shortest digits that round-trip
 * (JDK-4511638, fixed in JDK 19): the digits come from Schubfach ({@link #shortest}), and where
 * it cannot decide they are searched for exactly: at each length k the two k-digit neighbours of
 * the exact binary value are tried, and the shortest length at which one parses back to the same
 * double wins, the closer neighbour (the even one on a tie) first. {@link Double#parseDouble} is
 * correctly rounded, which makes the round-trip test exact.
 */
final class EcmaScriptNumbers {

    /** Integers below 2^53 are exact in a double and print as themselves. */
    private static final double EXACT_INTEGER_LIMIT = 9007199254740992.0;

    private EcmaScriptNumbers() {
    }

    static String toString(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("JSON cannot represent " + value + " (RFC 8785 forbids NaN and Infinity)");
        }
        if (value == 0.0) {
            return "0";
        }
        if (value < 0) {
            return "-" + toString(-value);
        }
        if (value < EXACT_INTEGER_LIMIT && value == Math.rint(value)) {
            return Long.toString((long) value);
        }
        String quick = shortest(value);
        return quick != null ? quick : bySearch(value);
    }

    /** The shortest round-tripping digits found with exact arithmetic, for a positive finite value. */
    static String bySearch(double value) {
        BigDecimal shortest = shortestRoundTrip(value);
        String digits = shortest.unscaledValue().toString();
        int k = digits.length();
        int n = k - shortest.scale();
        return format(digits, k, n);
    }

    /**
     * The digits of Schubfach (jackson-core's port of the algorithm behind JDK 19's
     * {@code Double.toString}): the shortest decimal that round-trips and, of those, the closest to
     * the exact value, the even one on a tie, as ECMAScript asks. It allocates only its string,
     * where the exact search builds BigDecimals. Where one digit would do, Schubfach gives the
     * closest two: a one-digit decimal that round-trips is then left to the search (null).
     */
    static String shortest(double value) {
        Digits d = Digits.of(DoubleToDecimal.toString(value));
        if (d.k() == 2 && (roundTrips(d.m() / 10, d.n() - 1, value) || roundTrips(d.m() / 10 + 1, d.n() - 1, value))) {
            return null;
        }
        return format(Long.toString(d.m()), d.k(), d.n());
    }

    /** The value m x 10^(n-k) of a Java-format number such as 1.25E-7 or 0.0012: m has k digits, no trailing zeros. */
    private record Digits(long m, int k, int n) {

        static Digits of(String printed) {
            int e = printed.indexOf('E');
            int end = e < 0 ? printed.length() : e;
            int point = printed.indexOf('.');
            long m = 0;
            int k = 0;
            int leading = 0;
            int significant = 0;
            for (int i = 0; i < end; i++) {
                char c = printed.charAt(i);
                if (c == '.') {
                    continue;
                }
                if (k == 0 && c == '0') {
                    leading++;
                    continue;
                }
                m = m * 10 + (c - '0');
                k++;
                if (c != '0') {
                    significant = k;
                }
            }
            for (int i = significant; i < k; i++) {
                m /= 10;
            }
            int n = point + (e < 0 ? 0 : Integer.parseInt(printed, e + 1, printed.length(), 10)) - leading;
            return new Digits(m, significant, n);
        }
    }

    /** Whether {@code significand} x 10^{@code exponent} parses back to {@code value}. */
    private static boolean roundTrips(long significand, int exponent, double value) {
        return significand > 0 && Double.parseDouble(significand + "E" + exponent) == value;
    }

    /**
     * A k-digit string that round-trips is also a longer one padded with zeros, so if no k-digit
     * neighbour round-trips no shorter one does: the search walks down from the length of
     * {@link Double#toString(double)}, which always round-trips and is at most a digit too long,
     * and stops at the first length that fails. Two or three roundings instead of up to 17.
     */
    private static BigDecimal shortestRoundTrip(double value) {
        BigDecimal exact = new BigDecimal(value);
        int k = Math.min(17, Digits.of(Double.toString(value)).k());
        BigDecimal found = nearest(exact, value, k);
        while (found == null && k < 17) {
            found = nearest(exact, value, ++k);
        }
        if (found == null) {
            throw new IllegalStateException("no 17-digit representation round-trips for " + value);
        }
        for (BigDecimal shorter; k > 1 && (shorter = nearest(exact, value, k - 1)) != null; k--) {
            found = shorter;
        }
        return found;
    }

    /** The k-digit neighbour of the exact value that parses back to it, or null when neither does. */
    private static BigDecimal nearest(BigDecimal exact, double value, int k) {
        BigDecimal low = exact.round(new MathContext(k, RoundingMode.FLOOR));
        BigDecimal high = exact.round(new MathContext(k, RoundingMode.CEILING));
        boolean lowOk = low.doubleValue() == value;
        boolean highOk = high.doubleValue() == value;
        if (lowOk && highOk) {
            return closer(exact, low, high);
        }
        if (lowOk) {
            return low.stripTrailingZeros();
        }
        return highOk ? high.stripTrailingZeros() : null;
    }

    private static BigDecimal closer(BigDecimal exact, BigDecimal low, BigDecimal high) {
        int cmp = exact.subtract(low).compareTo(high.subtract(exact));
        if (cmp < 0) {
            return low.stripTrailingZeros();
        }
        if (cmp > 0) {
            return high.stripTrailingZeros();
        }
        return low.unscaledValue().testBit(0) ? high.stripTrailingZeros() : low.stripTrailingZeros();
    }

    /** ECMA-262 Number::toString step 5 onwards: value = digits x 10^(n-k), k digits. */
    private static String format(String digits, int k, int n) {
        StringBuilder out = new StringBuilder(k + 8);
        if (k <= n && n <= 21) {
            out.append(digits);
            out.append("0".repeat(n - k));
        } else if (0 < n && n <= 21) {
            out.append(digits, 0, n).append('.').append(digits, n, k);
        } else if (-6 < n && n <= 0) {
            out.append("0.").append("0".repeat(-n)).append(digits);
        } else {
            int exponent = n - 1;
            out.append(digits.charAt(0));
            if (k > 1) {
                out.append('.').append(digits, 1, k);
            }
            out.append('e').append(exponent < 0 ? '-' : '+').append(Math.abs(exponent));
        }
        return out.toString();
    }
}
