package ai.aragora.api.knowledge;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

import ai.aragora.api.debate.DebateSpec;

/**
 * A debate Pulse starts on a topic at a fixed interval, for the org of its spec.
 *
 * @param topic what the debates are about: each is started with it as its {@code topics} metadata
 * @param spec the debate started each time
 * @param every the interval between two starts
 * @param nextRun when the next debate is due
 * @param lastRun when the latest was started or tried, null before the first
 * @param lastDebateId the latest debate started, null before the first
 * @param lastError why the latest try did not start a debate, null when it did
 * @param runs debates started so far
 */
public record DebateSchedule(String id, String topic, DebateSpec spec, Duration every, boolean enabled, Instant nextRun,
        Instant lastRun, String lastDebateId, String lastError, int runs, String createdBy, Instant createdAt) {

    public static final Duration MIN_EVERY = Duration.ofMinutes(5);
    public static final Duration MAX_EVERY = Duration.ofDays(366);
    public static final int MAX_TOPIC = NewNode.MAX_NAME;

    public DebateSchedule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(nextRun, "nextRun");
        Objects.requireNonNull(createdAt, "createdAt");
        if (topic == null || topic.isBlank() || topic.length() > MAX_TOPIC) {
            throw new IllegalArgumentException("topic must be 1 to " + MAX_TOPIC + " characters");
        }
        if (every == null || every.compareTo(MIN_EVERY) < 0 || every.compareTo(MAX_EVERY) > 0) {
            throw new IllegalArgumentException("the interval must be between " + MIN_EVERY.toMinutes() + " minutes and "
                    + MAX_EVERY.toDays() + " days");
        }
    }

    public String orgId() {
        return spec.orgId();
    }

    /**
     * A topic as Pulse compares them, wherever it was written (a debate's {@code topics}, a
     * schedule): trimmed, lower case, runs of whitespace as one space.
     *
     * @since 1.4
     */
    public static String canonicalTopic(String text) {
        return text.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }
}
