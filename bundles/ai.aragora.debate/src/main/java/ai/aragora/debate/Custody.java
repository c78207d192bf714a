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
 * them. Without a queue (a store that has none) the debates a previous process left open are
 * taken over once, when the engine starts.
 */
final class Custody {

    static final String QUEUE = "debates";
    /** Each claim of a debate's job is one attempt: a debate whose owners died this often is interrupted instead. */
    static final int MAX_ATTEMPTS = 5;

    private static final Logger LOG = LoggerFactory.getLogger(Custody.class);

    private final EngineContext engine;
    private final Takeover takeover;
    private final String worker = newWorkerId();
    /** Debates whose job this instance holds. */
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private volatile JobQueue queue;
    /** Taking over what a previous process left happens once, with the first store: later stores are successors. */
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

    /**
     * A store arrived. Without a queue this process is the only one on it: what a previous process
     * left open is taken over at once, the first time.
     */
    void storeBound() {
        DebateStore store = engine.store.current();
        if (queue == null && !recovered && store != null) {
            recovered = true;
            engine.executor.execute(() -> recover(store));
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
            } else {
                LOG.warn("debate {}: its job could not be held: {}", debate.id(), failure == null ? "it exists" : failure.toString());
            }
        });
    }

    /** A debate claimed from the queue is held here already. */
    void claimed(String debateId) {
        held.add(debateId);
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
                if (!recovered && engine.store.current() != null) {
                    recovered = true;
                    recover(engine.store.current());
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

    /** Debates open in the store that no job tracks: left by a process without a queue, or before there was one. */
    private void recover(DebateStore store) {
        List<DebateRecord> open = store.unfinished();
        JobQueue q = queue;
        int taken = 0;
        for (DebateRecord record : open) {
            if (takeover.runsHere(record.id())) {
                continue;
            }
            if (q == null) {
                taken += takeover.take(record, 1, MAX_ATTEMPTS) ? 1 : 0;
            } else if (engine.store.current() != null && Boolean.TRUE.equals(q.hold(jobId(record.id()),
                    new JobRequest(QUEUE, "debate", "{}", 0, null, MAX_ATTEMPTS), worker, lease()).toCompletableFuture().join())) {
                held.add(record.id());
                taken += takeover.take(record, 1, MAX_ATTEMPTS) ? 1 : 0;
            }
        }
        if (taken > 0) {
            LOG.info("resumed {} debates a previous process left running", taken);
        }
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
        for (Job job : q.claim(QUEUE, worker, Math.min(room, 100), lease())) {
            if (!job.id().startsWith("debate:")) {
                q.fail(job.id(), worker, "not a debate", Duration.ZERO);
                continue;
            }
            String debateId = job.id().substring("debate:".length());
            held.add(debateId);
            DebateRecord record = store.find(debateId).orElse(null);
            if (record == null || record.status().isFinal() || !takeover.take(record, job.attempts(), job.maxAttempts())) {
                release(debateId);
            }
        }
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
