package ai.aragora.api.storage;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A durable job queue several workers (and several server instances) share: a job is claimed
 * by exactly one worker at a time, under a lease. Completing or failing a job needs the lease
 * of the worker that claimed it, so a worker whose lease ran out cannot overwrite the outcome
 * of the worker that took over.
 */
@ProviderType
public interface JobQueue {

    /** @return the new job's id, once the job is durable */
    CompletionStage<String> enqueue(JobRequest request);

    /**
     * Adds a job that {@code worker} already holds under {@code lease}, with an id the caller
     * chose: work an instance accepted and runs at once, which others take over only once its
     * lease runs out. Completes with false when a job with that id exists.
     */
    CompletionStage<Boolean> hold(String jobId, JobRequest request, String worker, Duration lease);

    /**
     * Extends to {@code lease} from now the leases {@code worker} still holds among {@code jobIds}.
     * A job missing from the answer was lost: its lease ran out and it was put back or taken
     * over, so the worker must stop working on it.
     *
     * @return the ids of the jobs whose lease was renewed
     */
    Set<String> renew(String worker, Collection<String> jobIds, Duration lease);

    /**
     * Leases up to {@code max} due jobs of {@code queue}, highest priority first, then oldest;
     * each attempt counts. Jobs another worker holds are skipped, never waited for.
     */
    List<Job> claim(String queue, String worker, int max, Duration lease);

    /** Marks the job succeeded; false when {@code worker} no longer holds it. */
    CompletionStage<Boolean> complete(String jobId, String worker);

    /**
     * Records a failed attempt: the job runs again after {@code retryAfter}, or becomes
     * {@link JobStatus#DEAD} once it used all its attempts. False when {@code worker} no longer holds it.
     */
    CompletionStage<Boolean> fail(String jobId, String worker, String error, Duration retryAfter);

    /**
     * Gives back a job {@code worker} holds without finishing it (the worker is stopping): due
     * again at once, for any worker, and the attempt does not count. False when {@code worker}
     * no longer holds it.
     *
     * @since 1.6
     */
    CompletionStage<Boolean> release(String jobId, String worker);

    /** Puts running jobs whose lease has run out back in their queue; returns how many. */
    int requeueExpired();

    Optional<Job> find(String jobId);

    /** Oldest first; {@code status} null for any. */
    Page<Job> list(String queue, JobStatus status, int offset, int limit);

    Map<JobStatus, Long> counts(String queue);
}
