package ai.aragora.debate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import ai.aragora.api.storage.Job;
import ai.aragora.api.storage.JobQueue;
import ai.aragora.api.storage.JobRequest;
import ai.aragora.api.storage.JobStatus;
import ai.aragora.api.storage.Page;

/** A job queue in memory whose leases never run out by themselves: a test expires them. */
final class FakeJobQueue implements JobQueue {

    final Map<String, Job> jobs = new ConcurrentHashMap<>();

    /** The lease of every job {@code worker} holds runs out (its process died). */
    synchronized void expire(String worker) {
        jobs.replaceAll((id, j) -> worker.equals(j.worker()) && j.status() == JobStatus.RUNNING
                ? with(j, JobStatus.PENDING, null, j.attempts()) : j);
    }

    /** Any worker's hold on the job, as a dead process would have left it. */
    synchronized void heldBy(String jobId, String worker) {
        Instant now = Instant.now();
        jobs.put(jobId, new Job(jobId, "debates", "debate", "{}", JobStatus.RUNNING, 0, 1, 5, now, now, worker, null, now, now));
    }

    String worker(String jobId) {
        return jobs.get(jobId).worker();
    }

    @Override
    public synchronized CompletionStage<Boolean> hold(String jobId, JobRequest request, String worker, Duration lease) {
        if (jobs.containsKey(jobId)) {
            return CompletableFuture.completedFuture(false);
        }
        Instant now = Instant.now();
        jobs.put(jobId, new Job(jobId, request.queue(), request.type(), request.payload(), JobStatus.RUNNING, 0, 1,
                request.maxAttempts(), now, now.plus(lease), worker, null, now, now));
        return CompletableFuture.completedFuture(true);
    }

    @Override
    public synchronized Set<String> renew(String worker, Collection<String> jobIds, Duration lease) {
        Set<String> renewed = new HashSet<>();
        for (String id : jobIds) {
            Job j = jobs.get(id);
            if (j != null && j.status() == JobStatus.RUNNING && worker.equals(j.worker())) {
                renewed.add(id);
            }
        }
        return renewed;
    }

    @Override
    public synchronized List<Job> claim(String queue, String worker, int max, Duration lease) {
        List<Job> claimed = new ArrayList<>();
        for (Job j : List.copyOf(jobs.values())) {
            if (claimed.size() < max && j.queue().equals(queue) && j.status() == JobStatus.PENDING) {
                Job running = with(j, JobStatus.RUNNING, worker, j.attempts() + 1);
                jobs.put(j.id(), running);
                claimed.add(running);
            }
        }
        return claimed;
    }

    @Override
    public synchronized CompletionStage<Boolean> complete(String jobId, String worker) {
        Job j = jobs.get(jobId);
        boolean held = j != null && j.status() == JobStatus.RUNNING && worker.equals(j.worker());
        if (held) {
            jobs.put(jobId, with(j, JobStatus.SUCCEEDED, worker, j.attempts()));
        }
        return CompletableFuture.completedFuture(held);
    }

    @Override
    public synchronized CompletionStage<Boolean> fail(String jobId, String worker, String error, Duration retryAfter) {
        Job j = jobs.get(jobId);
        boolean held = j != null && j.status() == JobStatus.RUNNING && worker.equals(j.worker());
        if (held) {
            jobs.put(jobId, with(j, j.attempts() >= j.maxAttempts() ? JobStatus.DEAD : JobStatus.PENDING, null, j.attempts()));
        }
        return CompletableFuture.completedFuture(held);
    }

    @Override
    public synchronized CompletionStage<Boolean> release(String jobId, String worker) {
        Job j = jobs.get(jobId);
        boolean held = j != null && j.status() == JobStatus.RUNNING && worker.equals(j.worker());
        if (held) {
            jobs.put(jobId, with(j, JobStatus.PENDING, null, Math.max(0, j.attempts() - 1)));
        }
        return CompletableFuture.completedFuture(held);
    }

    @Override
    public int requeueExpired() {
        return 0;
    }

    @Override
    public CompletionStage<String> enqueue(JobRequest request) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Job> find(String jobId) {
        return Optional.ofNullable(jobs.get(jobId));
    }

    @Override
    public Page<Job> list(String queue, JobStatus status, int offset, int limit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Map<JobStatus, Long> counts(String queue) {
        throw new UnsupportedOperationException();
    }

    private static Job with(Job j, JobStatus status, String worker, int attempts) {
        return new Job(j.id(), j.queue(), j.type(), j.payload(), status, j.priority(), attempts, j.maxAttempts(), j.runAt(),
                j.leaseUntil(), worker, j.lastError(), j.createdAt(), Instant.now());
    }
}
