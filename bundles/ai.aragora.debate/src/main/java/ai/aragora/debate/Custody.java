package ai.aragora.debate;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.aragora.api.storage.DebateRecord;
import ai.aragora.api.storage.DebateStore;
import ai.aragora.api.storage.Job;
import ai.aragora.api.storage.JobQueue;
import ai.aragora.api.storage.JobRequest;
import ai.aragora.api.storage.JobStatus;

/**
 * Which debates this instance owns. Each running debate is a job of the shared queue held under
 * a lease that this instance renews while the debate runs; a debate whose lease it could not
 * renew was taken over elsewhere and stops here. Debates whose owner stopped renewing (it died)
 * are claimed with the queue's skip-locked claim and handed to {@link Takeover}, which resumes
 * them; a debate an instance stops without finishing (its shutdown) is given back at once. Every
 * few ticks the open debates are matched with their jobs, so that one left without a job that
 * could bring it an owner (its instance died between storing it and storing its job) is taken
 * over too. Without a queue (the in-memory store: nothing outlives the process) debates are not
 * tracked.
 */
final class Custody {

    static final String QUEUE = "debates";
    /** Each claim of a debate's job is one attempt: a debate whose owners died this often is interrupted instead. */
    static final int MAX_ATTEMPTS = 5;
    /** Claimed per tick: the dead instance's debates spread over the instances sweeping, not all to the first. */
    static final int CLAIM_BATCH = 25;
    /** Open debates are matched with their jobs every this many ticks (twice a lease by default). */
    static final int ORPHAN_TICKS = 6;
    private static final long HAND_BACK_WAIT_SECONDS = 5;

    private static final Logger LOG = LoggerFactory.getLogger(Custody.class);

    private final EngineContext engine;
    private final Takeover takeover;
    private final String worker = newWorkerId();
    /** Debates whose job this instance holds. */
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    /** Jobs given back and not yet stored so: the process waits for them before it stops. */
    private final Set<CompletableFuture<Boolean>> givingBack = ConcurrentHashMap.newKeySet();
    private volatile JobQueue queue;
    /** Ticks until the open debates are next matched with their jobs; 0 on the first. */
    private int orphanCountdown;
    private volatile boolean draining;
    private volatile boolean stopped;
    private Scheduler.Timer timer;

    Custody(EngineContext engine, Takeover takeover) {
        this.engine = engine;
        this.takeover = takeover;
    }

    static String jobId(String debateId) {
        return "debate:" + debateId;
    }

    void bind(JobQueue q) {
        queue = q;
        start();
    }

    void unbind(JobQueue q) {
        if (queue == q) {
            queue = null;
        }
    }

    /** Starts the ticks: the first takes over what a previous process left, each renews and sweeps. */
    private synchronized void start() {
        if (timer == null && !stopped) {
            timer = engine.scheduler.schedule(this::tick, tickNanos());
        }
    }

    /** The engine is stopping: this instance claims nothing more, but keeps its leases while its debates finish. */
    void drain() {
        draining = true;
    }

    /** Whether debates outlive this process: a queue another instance (or this one restarted) claims them from. */
    boolean tracking() {
        return queue != null;
    }

    /** Stops the ticks, once the jobs given back are stored (for a few seconds at most). */
    void stop() {
        synchronized (this) {
            stopped = true;
            if (timer != null) {
                timer.cancel();
            }
        }
        try {
            CompletableFuture.allOf(givingBack.toArray(CompletableFuture[]::new)).get(HAND_BACK_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("debate jobs given back: {} not stored; they are resumed once their lease runs out", givingBack.size());
        }
    }

    /** A debate started here: its job is held by this instance from the start. */
    void hold(Debate debate) {
        JobQueue q = queue;
        if (q == null) {
            return;
        }
        JobRequest job = new JobRequest(QUEUE, "debate", "{\"debate_id\":\"" + debate.id() + "\"}", 0, null, MAX_ATTEMPTS);
        q.hold(jobId(debate.id()), job, worker, lease()).whenComplete((fresh, failure) -> {
            if (Boolean.TRUE.equals(fresh)) {
                held.add(debate.id());
                // it ended, or was handed over, before its job was stored: nothing settled the job then
                if (debate.status().isFinal()) {
                    release(debate.id());
                } else if (debate.handedOver()) {
                    handBack(debate.id());
                }
            } else if (failure == null) {
                LOG.warn("debate {}: another instance holds it; it stops here", debate.id());
                takeover.lost(debate.id());
            } else {
                LOG.warn("debate {}: its job could not be held: {}", debate.id(), failure.toString());
            }
        });
    }

    /** The debate ended here (or stopped because it was taken over): its job is done. */
    void release(String debateId) {
        JobQueue q = queue;
        if (held.remove(debateId) && q != null) {
            q.complete(jobId(debateId), worker).whenComplete((ok, failure) -> {
                if (failure != null) {
                    LOG.warn("debate {}: its job could not be completed: {}", debateId, failure.toString());
                }
            });
        }
    }

    /**
     * The debate stopped here without finishing, at its last durable step (this instance is
     * stopping): its job is given back, due at once, for another instance or this one restarted.
     */
    void handBack(String debateId) {
        JobQueue q = queue;
        if (held.remove(debateId) && q != null) {
            CompletableFuture<Boolean> stored = q.release(jobId(debateId), worker).toCompletableFuture();
            givingBack.add(stored);
            stored.whenComplete((ok, failure) -> {
                givingBack.remove(stored);
                if (failure != null) {
                    LOG.warn("debate {}: its job could not be given back: {}; it is resumed once its lease runs out", debateId,
                            failure.toString());
                }
            });
        }
    }

    private void tick() {
        engine.executor.execute(() -> {
            try {
                DebateStore store = engine.store.current();
                JobQueue q = queue;
                if (!draining && store != null && q != null && --orphanCountdown <= 0) {
                    orphanCountdown = adoptOrphans(store, q) ? ORPHAN_TICKS : 1;
                }
                renew();
                if (!draining) {
                    sweep();
                }
            } catch (RuntimeException e) {
                LOG.warn("debate leases: {}", e.toString());
            } finally {
                synchronized (this) {
                    timer = stopped ? null : engine.scheduler.schedule(this::tick, tickNanos());
                }
            }
        });
    }

    /**
     * Open debates that no job can bring an owner: left by a process that had no queue (an older
     * version), or whose instance died between storing the debate and storing its job. Those
     * without a job get one (the insert only one instance wins) and are taken over; those whose
     * job ended (dead: its owners kept dying) are closed as interrupted. Debates updated within
     * the last lease are left alone: their own instance may be about to hold them.
     *
     * @return true when every open debate was looked at
     */
    private boolean adoptOrphans(DebateStore store, JobQueue q) {
        boolean all = true;
        int taken = 0;
        for (DebateRecord record : store.unfinished()) {
            if (takeover.runsHere(record.id())) {
                continue;
            }
            if (record.updatedAt().isAfter(engine.scheduler.now().minus(lease()))) {
                all = false;
                continue;
            }
            Job job = q.find(jobId(record.id())).orElse(null);
            if (job == null) {
                if (Boolean.TRUE.equals(q.hold(jobId(record.id()), new JobRequest(QUEUE, "debate", "{}", 0, null, MAX_ATTEMPTS),
                        worker, lease()).toCompletableFuture().join())) {
                    held.add(record.id());
                    taken += settle(q, record.id(), takeover.take(record, 1, MAX_ATTEMPTS)) ? 1 : 0;
                }
            } else if (job.status() == JobStatus.DEAD || job.status() == JobStatus.SUCCEEDED) {
                takeover.close(record, job.status() == JobStatus.DEAD
                        ? "Interrupted: the debate could not be resumed; the instances running it stopped " + job.attempts() + " times."
                        : "Interrupted: the debate was left running after its instance let it go; it could not be resumed.");
            }
        }
        if (taken > 0) {
            LOG.info("resumed {} debates left running without an owner", taken);
        }
        return all;
    }

    private void renew() {
        JobQueue q = queue;
        if (q == null || held.isEmpty()) {
            return;
        }
        Set<String> mine = new HashSet<>(held);
        List<String> jobs = mine.stream().map(Custody::jobId).toList();
        Set<String> renewed = q.renew(worker, jobs, lease());
        for (String id : mine) {
            if (!renewed.contains(jobId(id)) && held.remove(id)) {
                LOG.warn("debate {}: its lease ran out and another instance took it over; it stops here", id);
                takeover.lost(id);
            }
        }
    }

    private void sweep() {
        JobQueue q = queue;
        DebateStore store = engine.store.current();
        int room = takeover.room();
        if (q == null || store == null || room <= 0) {
            return;
        }
        q.requeueExpired();
        for (Job job : q.claim(QUEUE, worker, Math.min(room, CLAIM_BATCH), lease())) {
            if (!job.id().startsWith("debate:")) {
                q.fail(job.id(), worker, "not a debate", Duration.ZERO);
                continue;
            }
            String debateId = job.id().substring("debate:".length());
            held.add(debateId);
            DebateRecord record = store.find(debateId).orElse(null);
            if (record == null) {
                release(debateId);
            } else {
                settle(q, debateId, takeover.take(record, job.attempts(), job.maxAttempts()));
            }
        }
    }

    /** The job after a takeover: kept while the debate runs here, done once it is final, put back when deferred. */
    private boolean settle(JobQueue q, String debateId, Takeover.Outcome outcome) {
        switch (outcome) {
            case RESUMED -> {
                return true;
            }
            case CLOSED -> release(debateId);
            case DEFERRED -> {
                if (held.remove(debateId)) {
                    q.fail(jobId(debateId), worker, "deferred by " + worker, lease());
                }
            }
        }
        return false;
    }

    private Duration lease() {
        return Duration.ofNanos(engine.settings.leaseNanos());
    }

    /** Renewals three times per lease: one late renewal never loses a debate. */
    private long tickNanos() {
        return Math.max(TimeUnit.MILLISECONDS.toNanos(100), engine.settings.leaseNanos() / 3);
    }

    private static String newWorkerId() {
        String name = ManagementFactory.getRuntimeMXBean().getName();
        return (name.length() > 60 ? name.substring(0, 60) : name).replaceAll("[^A-Za-z0-9._:-]", "_") + "-"
                + UUID.randomUUID().toString().substring(0, 8);
    }
}
