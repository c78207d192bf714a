package ai.aragora.api.knowledge;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What age does to the mound, as of its latest pass: tiers cooled, confidence decayed, glacial
 * nodes past their retention deleted; and the settings the passes run with.
 *
 * @param lastRun when the latest pass ran, null before the first
 * @param nextRun when the next one is due
 * @param runs passes since the server started
 * @param failures of those, how many the store refused
 * @param last what the latest pass did
 */
public record Upkeep(Instant lastRun, Instant nextRun, long runs, long failures, Pass last, Settings settings) {

    public Upkeep {
        Objects.requireNonNull(nextRun, "nextRun");
        Objects.requireNonNull(last, "last");
        Objects.requireNonNull(settings, "settings");
    }

    /**
     * One pass.
     *
     * @param error why it failed, null when it did not
     */
    public record Pass(int cooled, int decayed, int expired, String error) {

        public static final Pass NONE = new Pass(0, 0, 0, null);
    }

    /**
     * @param retentionDays days unused after which a node of each tier cools to the next one; for
     *        {@link Tier#GLACIAL}, after which it is deleted (0: never)
     * @param decayAfterDays days unused after which a node's confidence starts to decay
     * @param decayHalfLifeDays days in which a decaying confidence halves
     * @param decayFloor confidence below which decay never takes a node
     */
    public record Settings(Map<Tier, Integer> retentionDays, int decayAfterDays, int decayHalfLifeDays, double decayFloor) {

        public Settings {
            retentionDays = Map.copyOf(retentionDays);
        }
    }
}
