package ai.aragora.api.storage;

import java.time.Instant;
import java.util.Objects;

/**
 * A job as stored. While {@code RUNNING} it is leased to {@code worker} until
 * {@code leaseUntil}; a lease that runs out puts the job back in the queue.
 */
public record Job(String id, String queue, String type, String payload, JobStatus status, int priority,
        int attempts, int maxAttempts, Instant runAt, Instant leaseUntil, String worker, String lastError,
        Instant createdAt, Instant updatedAt) {

    public Job {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(runAt, "runAt");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
