package ai.aragora.debate;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.aragora.api.storage.DebateRecord;
import ai.aragora.api.storage.DebateStore;
import ai.aragora.api.storage.Job;
import ai.aragora.api.storage.JobQueue;
import ai.aragora.api.storage.JobRequest;

/**
 * Which debates this instance owns. Each running debate is a job of the shared queue held under
 * a lease that this instance renews while the debate runs; a debate whose lease it could not
 * renew was taken over elsewhere and stops here. Debates whose owner stopped renewing (it died)
 * are claimed with the queue's skip-locked claim and handed to {@link Takeover}, which resumes
 * them. Without a queue (the in-memory store: nothing outlives the process) debates are not
 * tracked.
 */
final class Custody {

    static final String QUEUE = "debates";
    /** Each claim of a debate's job is one attempt: a debate whose owners died this often is interrupted instead. */
    static final int MAX_ATTEMPTS = 5;
    /** Claimed per tick: the dead instance's debates spread over the instances sweeping, not all to the first. */
    static final int CLAIM_BATCH = 25;

    private static final Logger LOG = LoggerFactory.getLogger(Custody.class);

    private final EngineContext engine;
    private final Takeover takeover;
    private final String worker = newWorkerId();
    /** Debates whose job this instance holds. */
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private volatile JobQueue queue;
    /** Whether the debates an older version left open without a job were all looked at. */
    private volatile boolean recovered;
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

    synchronized void stop() {
        stopped = true;
        if (timer != null) {
            timer.cancel();
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
                if (debate.status().isFinal()) {
                    // it ended before its job was stored: nothing released the job then
                    release(debate.id());
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

    private void tick() {
        engine.executor.execute(() -> {
            try {
                DebateStore store = engine.store.current();
                if (!recovered && store != null && queue != null) {
                    recovered = recover(store, queue);
                }
                renew();
                sweep();
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
     * Debates open in the store that no job tracks: left by a process that had no queue (an older
     * version). Those the instance that started them may be about to hold are looked at again on
     * the next tick.
     *
     * @return true when every open debate was looked at
     */
    private boolean recover(DebateStore store, JobQueue q) {
        boolean all = true;
        int taken = 0;
        for (DebateRecord record : store.unfinished()) {
            if (takeover.runsHere(record.id())) {
                continue;
            }
            if (record.updatedAt().isAfter(engine.scheduler.now().minus(lease()))) {
                all = false;
            } else if (Boolean.TRUE.equals(q.hold(jobId(record.id()), new JobRequest(QUEUE, "debate", "{}", 0, null, MAX_ATTEMPTS),
                    worker, lease()).toCompletableFuture().join())) {
                held.add(record.id());
                taken += settle(q, record.id(), takeover.take(record, 1, MAX_ATTEMPTS)) ? 1 : 0;
            }
        }
        if (taken > 0) {
            LOG.info("resumed {} debates a previous process left running", taken);
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
