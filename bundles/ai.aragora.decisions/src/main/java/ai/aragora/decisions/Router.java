package ai.aragora.decisions;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.aragora.api.agent.Agent;
import ai.aragora.api.cache.DecisionCache;
import ai.aragora.api.debate.DebateHandle;
import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.debate.DebateService;
import ai.aragora.api.debate.DebateSpec;
import ai.aragora.api.debate.DebateStatus;
import ai.aragora.api.decision.DecisionRequest;
import ai.aragora.api.decision.DecisionRouter;
import ai.aragora.api.decision.DecisionStatus;
import ai.aragora.api.decision.DecisionType;
import ai.aragora.api.decision.Priority;
import ai.aragora.api.receipt.ReceiptService;
import ai.aragora.api.storage.DecisionResult;
import ai.aragora.api.storage.DecisionResultStore;
import ai.aragora.api.storage.Page;

/**
 * The decision router. A decision is recorded before it is answered (a cached answer once its row
 * is handed to the store); an identical fresh one in the cache answers it at once, otherwise it waits in priority order for an engine slot, runs
 * as a debate, and its end (result, receipt, error) is recorded, cached and called back. The
 * store, engine, cache, receipts and callbacks are dynamic references: their bundles can be
 * replaced while decisions wait; decisions running here when this router stops end as failed.
 */
@Component(service = {DecisionRouter.class, Router.class}, configurationPid = RouterConfig.PID)
@Designate(ocd = RouterConfig.class)
public class Router implements DecisionRouter {

    private static final Logger LOG = LoggerFactory.getLogger(Router.class);
    private static final long WRITE_WAIT_SECONDS = 30;
    static final int MAX_WRITE_BEHIND = 10_000;

    private final ConcurrentHashMap<String, Entry> unfinished = new ConcurrentHashMap<>();
    /** Cached answers given whose rows are not durable yet. */
    private final ConcurrentHashMap<String, DecisionResult> writingBehind = new ConcurrentHashMap<>();
    private final AgentVersions agentVersions = new AgentVersions();
    private final ScheduledThreadPoolExecutor timer = deadlines();
    private final Dispatcher dispatcher;
    private final Callbacking callbacks = new Callbacking();
    private final Endings endings = new Endings();
    /** Decisions a previous process left unfinished are closed once, with the first store. */
    private final AtomicBoolean recovered = new AtomicBoolean();
    private volatile long timeoutNanos;

    volatile DecisionResultStore store;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile DebateService engine;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile DecisionCache cache;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ReceiptService receipts;

    @Activate
    public Router(RouterConfig config) {
        this.dispatcher = new Dispatcher(this::start, config.max_running(), seconds(config.low_aging_seconds()),
                seconds(config.normal_aging_seconds()), seconds(config.high_aging_seconds()));
        this.timeoutNanos = seconds(config.timeout_seconds());
    }

    @Modified
    void modified(RouterConfig config) {
        dispatcher.resize(config.max_running(), seconds(config.low_aging_seconds()), seconds(config.normal_aging_seconds()),
                seconds(config.high_aging_seconds()));
        timeoutNanos = seconds(config.timeout_seconds());
    }

    @Deactivate
    void deactivate() {
        dispatcher.close();
        for (Entry e : List.copyOf(unfinished.values())) {
            String debate;
            synchronized (e) {
                debate = e.debateId;
            }
            finish(e, DecisionStatus.FAILED, null, null, "interrupted: the decision router stopped before it ended");
            DebateService current = engine;
            if (debate != null && current != null) {
                current.cancel(debate);
            }
        }
        timer.shutdownNow();
    }

    // --- references the router reads as it goes

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindStore(DecisionResultStore bound) {
        store = bound;
        if (recovered.compareAndSet(false, true)) {
            timer.execute(() -> Recovery.interrupted(bound, unfinished.keySet()));
        }
    }

    void unbindStore(DecisionResultStore unbound) {
        if (store == unbound) {
            store = null;
        }
    }

    @Reference(service = Agent.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addAgent(Map<String, Object> properties) {
        agentVersions.add(properties);
    }

    void updatedAgent(Map<String, Object> properties) {
        agentVersions.add(properties);
    }

    void removeAgent(Map<String, Object> properties) {
        agentVersions.remove(properties);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindOutboundPolicy(ai.aragora.api.webhook.OutboundPolicy policy) {
        callbacks.policy = policy;
    }

    void unbindOutboundPolicy(ai.aragora.api.webhook.OutboundPolicy policy) {
        if (callbacks.policy == policy) {
            callbacks.policy = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindCallbacks(ai.aragora.api.webhook.Callbacks delivery) {
        callbacks.delivery = delivery;
    }

    void unbindCallbacks(ai.aragora.api.webhook.Callbacks delivery) {
        if (callbacks.delivery == delivery) {
            callbacks.delivery = null;
        }
    }

    // --- DecisionRouter

    @Override
    public DecisionResult submit(DecisionRequest request) {
        return submit(request, null);
    }

    private DecisionResult submit(DecisionRequest request, String retriedFrom) {
        DecisionResultStore current = store();
        callbacks.check(request.callbackUrl());
        DebateSpec spec = Specs.of(request, agentVersions.names());
        Map<String, String> versions = new LinkedHashMap<>();
        for (String agent : spec.agents()) {
            versions.put(agent, agentVersions.of(agent));
        }
        DecisionCache currentCache = cache;
        String policy = currentCache == null ? "" : currentCache.policyVersion();
        String key = DecisionKeys.key(request, spec.agents(), spec.rounds(), spec.consensus().wire(), policy, versions);
        Instant now = Instant.now();
        String id = "dec-" + UUID.randomUUID();
        String stored = StoredRequests.write(request);
        if (request.useCache() && currentCache != null) {
            Optional<DecisionResult> answered = CachedAnswers.answer(currentCache, key, id, request, policy, stored, retriedFrom, now);
            if (answered.isPresent()) {
                recordBehind(current, answered.get());
                endings.count(answered.get());
                callbacks.deliver(answered.get(), request.callbackUrl());
                return answered.get();
            }
        }
        DecisionResult pending = new DecisionResult(id, request.workspace(), key, request.type().wire(), policy, null, false, 0,
                now, request.orgId(), DecisionStatus.PENDING.wire(), request.priority().wire(), stored, null, null, retriedFrom,
                null, now);
        Entry entry = new Entry(pending, request, spec, versions);
        // Known here before it is stored, so that recovering a previous process's decisions never takes it for one.
        unfinished.put(id, entry);
        try {
            await(current.record(pending), id);
        } catch (RuntimeException e) {
            unfinished.remove(id, entry);
            throw e;
        }
        dispatcher.submit(entry);
        return pending;
    }

    @Override
    public Optional<DecisionResult> find(String id) {
        DecisionResult behind = writingBehind.get(id);
        return behind != null ? Optional.of(behind) : store().find(id);
    }

    /**
     * A cached answer is answered once its row is handed to the store, not once the row is
     * durable: a durable write waits for an fsync (about 5 ms here, decision 0017), longer than
     * the whole answer may take. Until the write completes the row is read from memory. Only
     * when the store falls behind by {@value #MAX_WRITE_BEHIND} rows does an answer wait again.
     */
    private void recordBehind(DecisionResultStore current, DecisionResult answered) {
        if (writingBehind.size() >= MAX_WRITE_BEHIND) {
            await(current.record(answered), answered.id());
            return;
        }
        writingBehind.put(answered.id(), answered);
        current.record(answered).whenComplete((ok, refused) -> {
            writingBehind.remove(answered.id());
            if (refused != null) {
                LOG.warn("cached decision {} was answered but could not be recorded: {}", answered.id(), refused.toString());
            }
        });
    }

    @Override
    public Page<DecisionResult> list(String orgId, DecisionStatus status, DecisionType type, int offset, int limit) {
        return store().list(orgId, status == null ? null : status.wire(), type == null ? null : type.wire(), offset, limit);
    }

    @Override
    public Optional<DecisionResult> cancel(String id, String reason) {
        String why = reason == null || reason.isBlank() ? "cancelled" : "cancelled: " + reason;
        Entry entry = unfinished.get(id);
        if (entry == null) {
            Optional<DecisionResult> stored = store().find(id);
            stored.ifPresent(d -> {
                throw new IllegalStateException("decision " + id + " has ended (status " + d.status() + ")");
            });
            return stored;
        }
        dispatcher.withdraw(entry);
        String debate;
        synchronized (entry) {
            debate = entry.debateId;
        }
        DecisionResult cancelled = finish(entry, DecisionStatus.CANCELLED, null, null, why);
        if (cancelled == null) {
            throw new IllegalStateException("decision " + id + " has ended");
        }
        CompletionStage<?> written;
        synchronized (entry) {
            written = entry.ended;
        }
        await(written, id);
        DebateService current = engine;
        if (debate != null && current != null) {
            current.cancel(debate);
        }
        return Optional.of(cancelled);
    }

    @Override
    public Optional<DecisionResult> retry(String id) {
        Optional<DecisionResult> stored = store().find(id);
        if (stored.isEmpty()) {
            return stored;
        }
        DecisionResult previous = stored.get();
        DecisionStatus status = DecisionStatus.parse(previous.status());
        if (!status.retryable() || unfinished.containsKey(id)) {
            throw new IllegalStateException("only a failed, cancelled or timed-out decision can be retried; decision " + id
                    + " is " + status.wire());
        }
        return Optional.of(submit(StoredRequests.read(previous.request(), previous.orgId()), id));
    }

    int waiting() {
        return dispatcher.waiting();
    }

    int waiting(Priority priority) {
        return dispatcher.waiting(priority);
    }

    Map<List<String>, Long> ended() {
        return endings.snapshot();
    }

    int running() {
        return dispatcher.running();
    }

    // --- running and ending

    private void start(Entry entry) {
        DebateService current = engine;
        DebateHandle handle = null;
        String refused = null;
        synchronized (entry) {
            if (!entry.finished) {
                entry.startNanos = System.nanoTime();
                DecisionResultStore s = store;
                if (s != null && current != null) {
                    entry.started = s.update(entry.record.with(DecisionStatus.PROCESSING.wire(), null, null, null, 0,
                            entry.record.createdAt()));
                }
                if (current == null) {
                    refused = "the debate engine is not running";
                } else {
                    try {
                        handle = current.start(entry.spec);
                        entry.debateId = handle.id();
                        entry.deadline = timer.schedule(() -> timedOut(entry), timeoutNanos, TimeUnit.NANOSECONDS);
                    } catch (IllegalArgumentException | IllegalStateException e) {
                        refused = "the engine refused the decision: " + e.getMessage();
                    }
                }
            }
        }
        if (handle == null && refused == null) {
            // Cancelled between leaving the line and starting: its slot was never used.
            dispatcher.released();
            return;
        }
        if (handle == null) {
            finish(entry, DecisionStatus.FAILED, null, null, refused);
            return;
        }
        handle.result().whenComplete((result, failure) -> {
            try {
                decided(entry, result, failure);
            } catch (RuntimeException e) {
                LOG.error("decision {} could not be concluded", entry.id(), e);
                finish(entry, DecisionStatus.FAILED, null, null, "the decision could not be concluded: " + e);
            }
        });
    }

    private void timedOut(Entry entry) {
        DebateService current = engine;
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

    private void decided(Entry entry, DebateResult result, Throwable failure) {
        if (failure != null || result == null) {
            finish(entry, DecisionStatus.FAILED, null, null, "the engine failed: " + failure);
            return;
        }
        DebateStatus s = result.status();
        if (s == DebateStatus.COMPLETED || s == DebateStatus.CONSENSUS_REACHED) {
            Map<String, Object> outcome = Outcomes.of(result, Receipts.document(receipts, result.receiptId()));
            finish(entry, DecisionStatus.COMPLETED, outcome, result.receiptId(), null);
        } else if (s == DebateStatus.CANCELLED) {
            finish(entry, DecisionStatus.CANCELLED, null, null, "the debate was cancelled");
        } else {
            finish(entry, DecisionStatus.FAILED, Outcomes.of(result, null), result.receiptId(), "the debate ended " + s.wire());
        }
    }

    /** Ends an unfinished decision once: records, caches and calls back. Null when it had ended already. */
    private DecisionResult finish(Entry entry, DecisionStatus status, Map<String, Object> outcome, String receiptId, String error) {
        boolean held;
        synchronized (entry) {
            if (entry.finished) {
                return null;
            }
            entry.finished = true;
            held = entry.startNanos != 0;
            if (entry.deadline != null) {
                entry.deadline.cancel(false);
            }
        }
        unfinished.remove(entry.id(), entry);
        long millis = held ? TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - entry.startNanos) : 0;
        String text = outcome == null ? null : StoredRequests.text(outcome);
        DecisionResult ended = entry.record.with(status.wire(), text, receiptId, error, millis, Instant.now());
        endings.count(ended);
        DecisionResultStore s = store;
        if (s != null) {
            CompletionStage<?> after;
            synchronized (entry) {
                after = entry.started;
            }
            CompletionStage<Boolean> write = after.exceptionally(refused -> null).thenCompose(ignored -> s.update(ended));
            synchronized (entry) {
                entry.ended = write;
            }
            write.whenComplete((ok, refused) -> {
                if (refused != null) {
                    LOG.warn("decision {} ended {} but could not be recorded: {}", entry.id(), status.wire(), refused.toString());
                }
            });
        }
        DecisionCache c = cache;
        if (status == DecisionStatus.COMPLETED && c != null) {
            CachedAnswers.keep(c, entry, text, receiptId);
        }
        callbacks.deliver(ended, entry.request.callbackUrl());
        if (held) {
            dispatcher.released();
        }
        return ended;
    }

    // --- helpers

    private DecisionResultStore store() {
        DecisionResultStore current = store;
        if (current == null) {
            throw new IllegalStateException("no storage backend is running");
        }
        return current;
    }

    private static void await(CompletionStage<?> write, String id) {
        try {
            write.toCompletableFuture().get(WRITE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while recording decision " + id);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("decision " + id + " could not be recorded: the store is failing or overloaded");
        }
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

    private static long seconds(int s) {
        return TimeUnit.SECONDS.toNanos(s);
    }

}
