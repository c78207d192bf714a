package ai.aragora.api.internal;

/**
 * One shared box for each of the numbers 0.00, 0.01, ... 10.00: what confidences, severities and
 * zero costs almost always are. A debate keeps dozens of them in its events and usage records
 * for its whole life, each a 24-byte {@code Double} of its own otherwise (decision 0014,
 * 2026-12-07 (afternoon)).
 */
public final class CommonDoubles {

    private static final int STEPS_PER_UNIT = 100;
    private static final Double[] BOXES = new Double[10 * STEPS_PER_UNIT + 1];

    static {
        for (int i = 0; i < BOXES.length; i++) {
            BOXES[i] = (double) i / STEPS_PER_UNIT;
        }
    }

    private CommonDoubles() {
    }

    /** The shared box equal to {@code value} (bit for bit), or {@code value} itself. */
    public static Double canonical(Double value) {
        if (value == null) {
            return null;
        }
        double v = value;
        if (!(v >= 0 && v <= 10)) {
            return value;
        }
        Double shared = BOXES[(int) Math.round(v * STEPS_PER_UNIT)];
        return Double.doubleToRawLongBits(shared) == Double.doubleToRawLongBits(v) ? shared : value;
    }

    /** {@link #canonical(Double)} for a value of any type: only a {@code Double} is replaced. */
    public static Object canonical(Object value) {
        return value instanceof Double d ? canonical(d) : value;
    }
}
