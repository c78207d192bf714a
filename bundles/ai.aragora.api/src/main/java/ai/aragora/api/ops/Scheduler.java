package ai.aragora.api.ops;

import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A background task that runs on an interval and may be run by hand:
 * {@code /api/admin/schedulers/<name>/status} and {@code .../cleanup}.
 */
@ConsumerType
public interface Scheduler {

    /** Service property: the scheduler's name in the URL, e.g. {@code receipt-retention}. */
    String NAME = "aragora.scheduler";

    /** {@code running}, the schedule, and {@code stats} of the runs so far. */
    Map<String, Object> status();

    /**
     * One run now, counted in the stats like a scheduled one.
     *
     * @param dryRun report what would be done, change nothing
     * @return what was (or would be) done
     */
    Map<String, Object> runNow(boolean dryRun);
}
