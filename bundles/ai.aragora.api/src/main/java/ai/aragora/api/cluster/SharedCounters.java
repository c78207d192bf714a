package ai.aragora.api.cluster;

import java.time.Duration;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Rate-limit windows charged by every instance, so that a client cannot multiply its quota by
 * spreading requests over instances. A limiter that gets an exception falls back to its own
 * in-process limit rather than refusing or admitting everything.
 */
@ProviderType
public interface SharedCounters {

    /**
     * Takes {@code permits} from the window of {@code key} in {@code limiter} that allows
     * {@code limit} per {@code window}; refused takes nothing.
     *
     * @throws IllegalStateException when the broker cannot be reached
     */
    Admission tryAcquire(String limiter, String key, long permits, long limit, Duration window);

    /** The outcome: admitted or not, what is left in the window, and when to retry if refused. */
    record Admission(boolean admitted, long remaining, Duration retryAfter) {
    }
}
