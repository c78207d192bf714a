package ai.aragora.decisions;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.aragora.api.cache.DecisionCache;
import ai.aragora.api.debate.DebateHandedOver;
import ai.aragora.api.debate.DebateHandle;
import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.debate.DebateService;
import ai.aragora.api.debate.DebateStatus;
import ai.aragora.api.decision.DecisionStatus;
import ai.aragora.api.storage.DecisionResultStore;
import ai.aragora.api.storage.DecisionResult;

/**
 * Decisions this instance has not finished, from their engine slot to their end: started as a
 * debate, timed out, handed over with their debate when this instance stops, and ended once
 * (recorded, cached, called back, their job done).
 */
final class Runs {

    private static final Logger LOG = LoggerFactory.getLogger(Runs.class);

    final ConcurrentHashMap<String, Entry> unfinished = new ConcurrentHashMap<>();
    final Dispatcher dispatcher;
    final Callbacking callbacks = new Callbacking();
    final Endings endings = new Endings();
    final ScheduledThreadPoolExecutor timer = deadlines();
    private final Services services;
    private final Custody custody;
    volatile long timeoutNanos;

    Runs(Services services, Custody custody, RouterConfig config) {
        this.services = services;
        this.custody = custody;
        this.dispatcher = new Dispatcher(this::start, config.max_running(), Router.seconds(config.low_aging_seconds()),
                Router.seconds(config.normal_aging_seconds()), Router.seconds(config.high_aging_seconds()));
        this.timeoutNanos = Router.seconds(config.timeout_seconds());
    }

    /** A recorded decision goes in line for a slot, and is held for this instance. */
    void queue(Entry entry) {
        custody.hold(entry);
        dispatcher.submit(entry);
    }

    private void start(Entry entry) {
        DebateService current = services.engine;
        DebateHandle handle = null;
        String refused = null;
        boolean busy = false;
        synchronized (entry) {
            entry.slot = true;
            if (!entry.finished) {
                entry.startNanos = System.nanoTime();
                if (current == null) {
                    refused = "the debate engine is not running";
                } else {
                    try {
                        handle = current.start(entry.spec);
                        entry.debateId = handle.id();
                        entry.deadline = timer.schedule(() -> timedOut(entry), timeoutNanos, TimeUnit.NANOSECONDS);
                        DecisionResultStore s = services.store;
                        if (s != null) {
                            String progress = new Progress(handle.id(), Instant.now()).text();
                            entry.started = s.update(entry.record.with(DecisionStatus.PROCESSING.wire(), progress, null, null, 0,
                                    entry.record.createdAt()));
                        }
                    } catch (IllegalArgumentException | IllegalStateException e) {
                        refused = "the engine refused the decision: " + e.getMessage();
                        busy = e instanceof IllegalStateException;
                    }
                }
            }
        }
        if (handle == null && refused == null) {
            // Cancelled between leaving the line and starting: its slot was never used.
            entry.slot = false;
            dispatcher.released();
            return;
        }
        if (handle == null && busy && custody.tracking()) {
            // Draining or full for now, not wrong: another instance (or this one, a lease later) runs it.
            custody.pause();
            leave(entry);
            return;
        }
        if (handle == null) {
            finish(entry, DecisionStatus.FAILED, null, null, refused);
            return;
        }
        await(entry, handle);
    }

    /** Concludes the decision when its debate, running here, ends. */
    void await(Entry entry, DebateHandle handle) {
        handle.result().whenComplete((result, failure) -> {
            try {
                decided(entry, result, failure);
            } catch (RuntimeException e) {
                LOG.error("decision {} could not be concluded", entry.id(), e);
                finish(entry, DecisionStatus.FAILED, null, null, "the decision could not be concluded: " + e);
            }
        });
    }

    void timedOut(Entry entry) {
        DebateService current = services.engine;
        String debate;
        synchronized (entry) {
            debate = entry.debateId;
        }
        // Ended first, so the debate's cancellation that follows cannot end it otherwise.
        finish(entry, DecisionStatus.TIMEOUT, null, null, "the decision took longer than its time limit");
        if (current != null && debate != null) {
            current.cancel(debate);
        }
    }

    void decided(Entry entry, DebateResult result, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof DebateHandedOver && custody.tracking()) {
            // The engine here is stopping: the decision goes to an instance whose engine runs.
            custody.pause();
            leave(entry);
            return;
        }
        if (cause != null || result == null) {
            finish(entry, DecisionStatus.FAILED, null, null, "the engine failed: " + cause);
            return;
        }
        DebateStatus s = result.status();
        if (s == DebateStatus.COMPLETED || s == DebateStatus.CONSENSUS_REACHED) {
            Map<String, Object> outcome = Outcomes.of(result, Receipts.document(services.receipts, result.receiptId()));
            finish(entry, DecisionStatus.COMPLETED, outcome, result.receiptId(), null);
        } else if (s == DebateStatus.CANCELLED) {
            finish(entry, DecisionStatus.CANCELLED, null, null, "the debate was cancelled");
        } else {
            finish(entry, DecisionStatus.FAILED, Outcomes.of(result, null), result.receiptId(), "the debate ended " + s.wire());
        }
    }

    /**
     * Lets go of a decision unfinished, without recording an end: its debate goes on elsewhere
     * (handed over), or another instance took the decision over. Its job, if still held, is
     * given back, due at once for whichever instance follows the debate now.
     */
    void leave(Entry entry) {
        Boolean slot = close(entry, true);
        if (slot == null) {
            return;
        }
        custody.handBack(entry.id());
        if (slot) {
            dispatcher.released();
        }
    }

    /**
     * Marks the entry finished, ended or let go, and no longer unfinished here: null when it had
     * finished already, else whether it held an engine slot (the caller frees it last).
     */
    private Boolean close(Entry entry, boolean letGo) {
        boolean slot;
        synchronized (entry) {
            if (entry.finished) {
                return null;
            }
            entry.finished = true;
            entry.letGo = letGo;
            slot = entry.slot;
            if (entry.deadline != null) {
                entry.deadline.cancel(false);
            }
        }
        unfinished.remove(entry.id(), entry);
        return slot;
    }

    /** Ends an unfinished decision once: records, caches, calls back. Null when it had ended already. */
    DecisionResult finish(Entry entry, DecisionStatus status, Map<String, Object> outcome, String receiptId, String error) {
        Boolean slot = close(entry, false);
        if (slot == null) {
            return null;
        }
        long millis = entry.startNanos == 0 ? 0 : TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - entry.startNanos);
        String text = outcome == null ? null : StoredRequests.text(outcome);
        DecisionResult ended = entry.record.with(status.wire(), text, receiptId, error, millis, Instant.now());
        endings.count(ended);
        DecisionResultStore s = services.store;
        if (s != null) {
            CompletionStage<?> after;
            synchronized (entry) {
                after = entry.started;
            }
            CompletionStage<Boolean> write = after.exceptionally(refused -> null).thenCompose(ignored -> s.update(ended));
            synchronized (entry) {
                entry.ended = write;
            }
            // The job is done once the end is durable: an instance dying before that leaves the decision to another.
            write.whenComplete((ok, refused) -> {
                if (refused == null) {
                    custody.done(entry.id());
                } else {
                    LOG.warn("decision {} ended {} but could not be recorded: {}", entry.id(), status.wire(), refused.toString());
                }
            });
        }
        DecisionCache c = services.cache;
        if (status == DecisionStatus.COMPLETED && c != null) {
            CachedAnswers.keep(c, entry, text, receiptId);
        }
        callbacks.deliver(ended, entry.request.callbackUrl());
        if (slot) {
            dispatcher.released();
        }
        return ended;
    }

    /** This instance lost the decision's job (its lease ran out): the instance that took it ends it. */
    void lost(String id) {
        Entry entry = unfinished.get(id);
        if (entry != null) {
            LOG.warn("decision {}: another instance took it over; it is no longer followed here", id);
            leave(entry);
        }
    }

    /**
     * The router stops. With a job queue, unfinished decisions are given back, not ended: their
     * debates are handed over or finish here, and the instance that takes each job over (this
     * one restarted, or another) follows the debate to its end. Without one nothing outlives the
     * process, so they end as failed, their debates cancelled.
     */
    void stop() {
        dispatcher.close();
        boolean handBack = custody.tracking();
        for (Entry e : List.copyOf(unfinished.values())) {
            if (handBack) {
                leave(e);
                continue;
            }
            String debate;
            synchronized (e) {
                debate = e.debateId;
            }
            finish(e, DecisionStatus.FAILED, null, null, "interrupted: the decision router stopped before it ended");
            DebateService current = services.engine;
            if (debate != null && current != null) {
                current.cancel(debate);
            }
        }
        custody.stop();
        timer.shutdownNow();
    }

    /** Deadlines of decisions that ended are dropped at once, not kept until they would have passed. */
    private static ScheduledThreadPoolExecutor deadlines() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "aragora-decision-deadlines");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }
}
