package ai.aragora.api.cluster;

import java.time.Duration;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Rate-limit buckets charged by every instance, so that a client cannot multiply its quota by
 * spreading requests over instances. A limiter that gets an exception falls back to its own
 * in-process limit rather than refusing or admitting everything.
 */
@ProviderType
public interface SharedCounters {

    /**
     * Takes one permit from the token bucket of {@code key} in {@code limiter}: it holds at most
     * {@code burst} permits and regains one every {@code interval}, as the in-process limiters
     * do. A refused request takes nothing. {@code key} may be personal (an e-mail address): the
     * implementation stores only a digest of it.
     *
     * @throws IllegalStateException when the broker cannot be reached; this never waits long
     */
    Admission tryAcquire(String limiter, String key, long burst, Duration interval);

    /** The outcome: admitted or not, the permits left, and when to retry if refused. */
    record Admission(boolean admitted, long remaining, Duration retryAfter) {
    }
}
