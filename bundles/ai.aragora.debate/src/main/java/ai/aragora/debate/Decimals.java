package ai.aragora.debate;

/** Numbers in transcript text, without the cost of general-purpose formatting. */
final class Decimals {

    private Decimals() {
    }

    /** {@code value} (0 or more) with exactly {@code places} decimals, rounded half up. */
    static StringBuilder append(StringBuilder text, double value, int places) {
        long scale = places == 1 ? 10 : places == 2 ? 100 : 1000;
        long scaled = Math.round(Math.max(0, value) * scale);
        text.append(scaled / scale);
        if (places > 0) {
            text.append('.');
            for (long digit = scale / 10; digit > 0; digit /= 10) {
                text.append((char) ('0' + scaled / digit % 10));
            }
        }
        return text;
    }

    /** Rounded for event data and results: what a reader compares, not floating-point noise. */
    static double round(double value, int places) {
        double scale = places == 2 ? 100 : places == 3 ? 1000 : 10_000;
        return Math.round(value * scale) / scale;
    }
}
