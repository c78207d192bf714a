package ai.aragora.decisions;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.aragora.api.decision.DecisionStatus;
import ai.aragora.api.storage.DecisionResult;
import ai.aragora.api.storage.DecisionResultStore;
import ai.aragora.api.storage.Job;
import ai.aragora.api.storage.JobQueue;
import ai.aragora.api.storage.JobRequest;
import ai.aragora.api.storage.JobStatus;

/**
 * Which decisions this instance owns, as jobs of the shared queue the engine's debates use: held
 * from the moment a decision is recorded, under a lease renewed three times per lease, done once
 * its end is durable, given back at once when this instance lets it go unfinished. Decisions
 * whose owner stopped renewing (it died) are claimed with the queue's skip-locked claim and taken
 * over ({@link Takeovers}); unfinished decisions without a job (an older version, or an instance
 * that died between recording one and holding it) are adopted on the first tick and every few
 * ticks after. Without a queue (the in-memory store) nothing outlives the process and nothing is held.
 */
final class Custody {

    static final String QUEUE = "decisions";
    static final int MAX_ATTEMPTS = 5;
    private static final int CLAIM_BATCH = 50;
    private static final int ORPHAN_TICKS = 6;
    private static final int PAGE = 500;
    private static final long HAND_BACK_WAIT_SECONDS = 5;
    private static final long POLL_MILLIS = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(Custody.class);

    private final Services services;
    private final String worker = "decisions@" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private final Set<CompletableFuture<Boolean>> givingBack = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "aragora-decision-custody");
        t.setDaemon(true);
        return t;
    });
    private Runs runs;
    private Takeovers takeovers;
    private volatile long leaseNanos;
    private volatile boolean stopping;
    /** Nothing is claimed before this (System.nanoTime()): the engine here refused a decision for now. */
    private volatile long claimAfterNanos = System.nanoTime();
    /** Held while claiming: a pause waits for the claim under way. */
    private final Object claiming = new Object();
    private int orphanCountdown;

    Custody(Services services, long leaseNanos) {
        this.services = services;
        this.leaseNanos = leaseNanos;
    }

    /** Starts the ticks: the first adopts what a previous process left, each renews, claims and follows. */
    void start(Runs r, Takeovers t) {
        this.runs = r;
        this.takeovers = t;
        ticks.scheduleWithFixedDelay(this::tick, 0, Math.max(100, TimeUnit.NANOSECONDS.toMillis(leaseNanos) / 3), TimeUnit.MILLISECONDS);
        ticks.scheduleWithFixedDelay(this::poll, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    void lease(long nanos) {
        leaseNanos = nanos;
    }

    static String jobId(String decisionId) {
        return "decision:" + decisionId;
    }

    boolean tracking() {
        return services.jobs != null;
    }

    /** A decision recorded here: its job is held by this instance from the start. */
    void hold(Entry entry) {
        JobQueue q = services.jobs;
        if (q == null) {
            return;
        }
        JobRequest job = new JobRequest(QUEUE, "decision", "{}", entry.request.priority().ordinal(), null, MAX_ATTEMPTS);
        q.hold(jobId(entry.id()), job, worker, lease()).whenComplete((fresh, failure) -> {
            if (Boolean.TRUE.equals(fresh)) {
                held.add(entry.id());
                boolean ended;
                boolean letGo;
                synchronized (entry) {
                    ended = entry.finished;
                    letGo = entry.letGo;
                }
                // it ended, or was let go, before its job was stored: nothing settled the job then
                if (letGo) {
                    handBack(entry.id());
                } else if (ended) {
                    done(entry.id());
                }
            } else if (failure != null) {
                LOG.warn("decision {}: its job could not be held: {}", entry.id(), failure.toString());
            }
        });
    }

    /** The decision's end is durable: its job is done. */
    void done(String id) {
        JobQueue q = services.jobs;
        if (held.remove(id) && q != null) {
            q.complete(jobId(id), worker).whenComplete((ok, failure) -> {
                if (failure != null) {
                    LOG.warn("decision {}: its job could not be completed: {}", id, failure.toString());
                }
            });
        }
    }

    /** Let go unfinished: its job is due again at once, for another instance or this one restarted. */
    void handBack(String id) {
        JobQueue q = services.jobs;
        if (held.remove(id) && q != null) {
            CompletableFuture<Boolean> stored = q.release(jobId(id), worker).toCompletableFuture();
            givingBack.add(stored);
            stored.whenComplete((ok, failure) -> givingBack.remove(stored));
        }
    }

    /**
     * The engine here is draining or full: claim nothing for a lease, so the others take the
     * decisions. Returns once no claim is under way, so what is given back after cannot be claimed here.
     */
    void pause() {
        synchronized (claiming) {
            claimAfterNanos = System.nanoTime() + leaseNanos;
        }
    }

    /** Claims nothing more, and waits (a few seconds at most) until the jobs given back are stored. */
    void stop() {
        stopping = true;
        ticks.shutdownNow();
        try {
            CompletableFuture.allOf(givingBack.toArray(CompletableFuture[]::new)).get(HAND_BACK_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("decision jobs given back: {} not stored; they are taken over once their lease runs out", givingBack.size());
        }
    }

    private void tick() {
        try {
            JobQueue q = services.jobs;
            DecisionResultStore store = services.store;
            if (q == null || store == null || stopping) {
                return;
            }
            if (--orphanCountdown <= 0) {
                orphanCountdown = adoptOrphans(store, q) ? ORPHAN_TICKS : 1;
            }
            renew(q);
            claim(store, q);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("decision leases: {}", e.toString());
        }
    }

    private void poll() {
        if (!stopping) {
            takeovers.poll();
        }
    }

    private void renew(JobQueue q) {
        if (held.isEmpty()) {
            return;
        }
        Set<String> mine = new HashSet<>(held);
        Set<String> renewed = q.renew(worker, mine.stream().map(Custody::jobId).toList(), lease());
        for (String id : mine) {
            if (!renewed.contains(jobId(id)) && held.remove(id)) {
                runs.lost(id);
            }
        }
    }

    private void claim(DecisionResultStore store, JobQueue q) throws InterruptedException {
        List<Job> claimed;
        synchronized (claiming) {
            if (System.nanoTime() - claimAfterNanos < 0) {
                return;
            }
            q.requeueExpired();
            claimed = q.claim(QUEUE, worker, CLAIM_BATCH, lease());
        }
        for (Job job : claimed) {
            String id = job.id().substring(job.id().indexOf(':') + 1);
            held.add(id);
            DecisionResult row = store.find(id).orElse(null);
            if (row == null) {
                done(id);
            } else if (job.attempts() > job.maxAttempts()) {
                takeovers.close(row, StoredRequests.read(row.request(), row.orgId()),
                        "the instances running it stopped " + (job.attempts() - 1) + " times");
            } else {
                settle(q, id, takeovers.take(row));
            }
        }
    }

    /**
     * Unfinished decisions no job can bring an owner. Those asked for within the last lease are
     * left alone: their own instance may be about to hold them.
     *
     * @return true when every unfinished decision was looked at
     */
    private boolean adoptOrphans(DecisionResultStore store, JobQueue q) throws InterruptedException {
        boolean all = true;
        Instant settled = Instant.now().minus(lease());
        for (DecisionStatus open : List.of(DecisionStatus.PENDING, DecisionStatus.PROCESSING)) {
            int offset = 0;
            List<DecisionResult> page;
            do {
                page = store.list(null, open.wire(), null, offset, PAGE).items();
                offset += page.size();
                for (DecisionResult d : page) {
                    if (runs.unfinished.containsKey(d.id())) {
                        continue;
                    }
                    if (d.createdAt().isAfter(settled)) {
                        all = false;
                        continue;
                    }
                    adoptOrphan(q, d);
                }
            } while (page.size() == PAGE && !stopping);
        }
        return all;
    }

    private void adoptOrphan(JobQueue q, DecisionResult d) throws InterruptedException {
        Job job = q.find(jobId(d.id())).orElse(null);
        if (job == null) {
            JobRequest request = new JobRequest(QUEUE, "decision", "{}", 0, null, MAX_ATTEMPTS);
            if (Boolean.TRUE.equals(q.hold(jobId(d.id()), request, worker, lease()).toCompletableFuture().join())) {
                held.add(d.id());
                LOG.info("decision {} was left {} without an owner; it is taken over here", d.id(), d.status());
                settle(q, d.id(), takeovers.take(d));
            }
        } else if (job.status() == JobStatus.DEAD || job.status() == JobStatus.SUCCEEDED) {
            takeovers.close(d, StoredRequests.read(d.request(), d.orgId()), job.status() == JobStatus.DEAD
                    ? "it could not be run after " + job.attempts() + " attempts"
                            + (job.lastError() == null ? "" : " (the last: " + job.lastError() + ")")
                    : "its instance let it go unfinished");
        }
    }

    private void settle(JobQueue q, String id, Takeovers.Outcome outcome) {
        switch (outcome) {
            case TAKEN -> {
            }
            case ENDED -> done(id);
            case DEFERRED -> {
                if (held.remove(id)) {
                    q.fail(jobId(id), worker, "its agents are not registered on " + worker, lease());
                }
            }
        }
    }

    private Duration lease() {
        return Duration.ofNanos(leaseNanos);
    }
}
