package ai.aragora.api.decision;

/** Order of start when more decisions wait than the engine runs at once: urgent first, then high, normal, low. */
public enum Priority {
    LOW, NORMAL, HIGH, URGENT;

    public String wire() {
        return Wire.of(this);
    }

    public static Priority parse(String raw) {
        return Wire.parse(Priority.class, "priority", raw);
    }
}
