package ai.aragora.decisions;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import ai.aragora.api.cluster.ClusterBus;
import ai.aragora.api.cluster.ClusterListener;
import ai.aragora.api.cluster.ClusterMessage;
import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.debate.DebateSpec;
import ai.aragora.api.debate.DebateStatus;
import ai.aragora.api.storage.DebateRecord;
import ai.aragora.api.storage.DebateStore;
import ai.aragora.api.storage.Job;
import ai.aragora.api.storage.JobQueue;
import ai.aragora.api.storage.JobRequest;
import ai.aragora.api.storage.JobStatus;
import ai.aragora.api.storage.Page;

/** What several instances share besides the decisions: the job queue and the debates' results. */
final class SharedStores {

    private SharedStores() {
    }

    /** The job queue's contract in memory: one holder at a time, leases that run out, give-backs due at once. */
    static final class Jobs implements JobQueue {
        final Map<String, Job> all = new ConcurrentHashMap<>();

        @Override
        public synchronized CompletionStage<Boolean> hold(String jobId, JobRequest r, String worker, Duration lease) {
            Instant now = Instant.now();
            Job job = new Job(jobId, r.queue(), r.type(), r.payload(), JobStatus.RUNNING, r.priority(), 1, r.maxAttempts(), now,
                    now.plus(lease), worker, null, now, now);
            return CompletableFuture.completedFuture(all.putIfAbsent(jobId, job) == null);
        }

        @Override
        public synchronized Set<String> renew(String worker, Collection<String> jobIds, Duration lease) {
            Set<String> renewed = new TreeSet<>();
            for (String id : jobIds) {
                Job j = all.get(id);
                if (j != null && j.status() == JobStatus.RUNNING && worker.equals(j.worker())) {
                    all.put(id, with(j, JobStatus.RUNNING, j.attempts(), Instant.now().plus(lease), worker, j.runAt()));
                    renewed.add(id);
                }
            }
            return renewed;
        }

        @Override
        public synchronized List<Job> claim(String queue, String worker, int max, Duration lease) {
            List<Job> claimed = new ArrayList<>();
            Instant now = Instant.now();
            for (Job j : List.copyOf(all.values())) {
                if (claimed.size() < max && j.queue().equals(queue) && j.status() == JobStatus.PENDING && !j.runAt().isAfter(now)) {
                    Job taken = with(j, JobStatus.RUNNING, j.attempts() + 1, now.plus(lease), worker, j.runAt());
                    all.put(j.id(), taken);
                    claimed.add(taken);
                }
            }
            return claimed;
        }

        @Override
        public synchronized CompletionStage<Boolean> complete(String jobId, String worker) {
            return settle(jobId, worker, JobStatus.SUCCEEDED, Duration.ZERO, 0);
        }

        @Override
        public synchronized CompletionStage<Boolean> fail(String jobId, String worker, String error, Duration retryAfter) {
            Job j = all.get(jobId);
            boolean dead = j != null && j.attempts() >= j.maxAttempts();
            return settle(jobId, worker, dead ? JobStatus.DEAD : JobStatus.PENDING, retryAfter, 0);
        }

        @Override
        public synchronized CompletionStage<Boolean> release(String jobId, String worker) {
            return settle(jobId, worker, JobStatus.PENDING, Duration.ZERO, -1);
        }

        private CompletionStage<Boolean> settle(String jobId, String worker, JobStatus status, Duration after, int attempts) {
            Job j = all.get(jobId);
            if (j == null || j.status() != JobStatus.RUNNING || !worker.equals(j.worker())) {
                return CompletableFuture.completedFuture(false);
            }
            all.put(jobId, with(j, status, j.attempts() + attempts, null, status == JobStatus.PENDING ? null : worker,
                    Instant.now().plus(after)));
            return CompletableFuture.completedFuture(true);
        }

        @Override
        public synchronized int requeueExpired() {
            int requeued = 0;
            for (Job j : List.copyOf(all.values())) {
                if (j.status() == JobStatus.RUNNING && j.leaseUntil().isBefore(Instant.now())) {
                    all.put(j.id(), with(j, JobStatus.PENDING, j.attempts(), null, null, Instant.now()));
                    requeued++;
                }
            }
            return requeued;
        }

        /** Lets every lease run out at once, as when the instance holding them died. */
        synchronized void expireAll() {
            all.replaceAll((id, j) -> j.status() == JobStatus.RUNNING
                    ? with(j, JobStatus.RUNNING, j.attempts(), Instant.now().minusSeconds(1), j.worker(), j.runAt()) : j);
        }

        @Override
        public Optional<Job> find(String jobId) {
            return Optional.ofNullable(all.get(jobId));
        }

        JobStatus status(String decisionId) {
            return all.get(Custody.jobId(decisionId)).status();
        }

        private static Job with(Job j, JobStatus status, int attempts, Instant lease, String worker, Instant runAt) {
            return new Job(j.id(), j.queue(), j.type(), j.payload(), status, j.priority(), attempts, j.maxAttempts(), runAt, lease,
                    worker, j.lastError(), j.createdAt(), Instant.now());
        }

        @Override
        public CompletionStage<String> enqueue(JobRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Page<Job> list(String queue, JobStatus status, int offset, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<JobStatus, Long> counts(String queue) {
            throw new UnsupportedOperationException();
        }
    }

    /** The debates' stored results, as an instance that finished one leaves them: only find and result are read. */
    static final class Debates {
        final Map<String, DebateResult> results = new ConcurrentHashMap<>();
        final Set<String> known = ConcurrentHashMap.newKeySet();

        DebateStore store() {
            return (DebateStore) Proxy.newProxyInstance(DebateStore.class.getClassLoader(), new Class<?>[] {DebateStore.class},
                    (self, method, args) -> switch (method.getName()) {
                        case "result" -> Optional.ofNullable(results.get((String) args[0]));
                        case "find" -> known.contains((String) args[0]) || results.containsKey((String) args[0])
                                ? Optional.of(record((String) args[0])) : Optional.empty();
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }

        private static DebateRecord record(String id) {
            return new DebateRecord(id, DebateSpec.builder("a stored debate").build(), null, DebateStatus.RUNNING, 0, false,
                    Instant.now(), null);
        }
    }

    /** A cluster bus in memory: every instance's view delivers to every subscriber at once, with its origin. */
    static final class Bus {
        private final List<Map.Entry<String, ClusterListener>> subscribers = new java.util.concurrent.CopyOnWriteArrayList<>();

        ClusterBus of(String instanceId) {
            return new ClusterBus() {
                @Override
                public String instanceId() {
                    return instanceId;
                }

                @Override
                public void publish(String channel, String payload) {
                    for (Map.Entry<String, ClusterListener> s : subscribers) {
                        if (s.getKey().equals(channel)) {
                            s.getValue().onMessage(new ClusterMessage(channel, instanceId, payload));
                        }
                    }
                }

                @Override
                public AutoCloseable subscribe(String channel, ClusterListener listener) {
                    Map.Entry<String, ClusterListener> s = Map.entry(channel, listener);
                    subscribers.add(s);
                    return () -> subscribers.remove(s);
                }

                @Override
                public boolean connected() {
                    return true;
                }
            };
        }
    }
}
