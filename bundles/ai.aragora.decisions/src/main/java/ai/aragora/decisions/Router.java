package ai.aragora.decisions;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

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
import ai.aragora.api.cluster.ClusterBus;
import ai.aragora.api.debate.DebateService;
import ai.aragora.api.debate.DebateSpec;
import ai.aragora.api.decision.DecisionRequest;
import ai.aragora.api.decision.DecisionRouter;
import ai.aragora.api.decision.DecisionStatus;
import ai.aragora.api.decision.DecisionType;
import ai.aragora.api.decision.Priority;
import ai.aragora.api.receipt.ReceiptService;
import ai.aragora.api.storage.DecisionResult;
import ai.aragora.api.storage.DebateStore;
import ai.aragora.api.storage.DecisionResultStore;
import ai.aragora.api.storage.JobQueue;
import ai.aragora.api.storage.Page;

/**
 * The decision router. A decision is recorded before it is answered (a cached answer once its row
 * is handed to the store); an identical fresh one in the cache answers it at once, otherwise it
 * waits in priority order for an engine slot, runs as a debate ({@link Runs}), and its end
 * (result, receipt, error) is recorded, cached and called back. Each decision is a job of the
 * shared queue held by the instance running it ({@link Custody}): when that instance dies or
 * stops, another takes the decision over and follows its debate to the end. The services are
 * dynamic references: their bundles can be replaced while decisions wait.
 */
@Component(service = {DecisionRouter.class, Router.class}, configurationPid = RouterConfig.PID)
@Designate(ocd = RouterConfig.class)
public class Router implements DecisionRouter {

    private static final Logger LOG = LoggerFactory.getLogger(Router.class);
    private static final long WRITE_WAIT_SECONDS = 30;
    static final int MAX_WRITE_BEHIND = 10_000;

    final Services services = new Services();
    /** Cached answers given whose rows are not durable yet. */
    private final ConcurrentHashMap<String, DecisionResult> writingBehind = new ConcurrentHashMap<>();
    private final AgentVersions agentVersions = new AgentVersions();
    private final Custody custody;
    private final Runs runs;
    private final Takeovers takeovers;
    private final RemoteCancels remoteCancels = new RemoteCancels(this::cancelHeld);

    @Activate
    public Router(RouterConfig config) {
        this.custody = new Custody(services, TimeUnit.MILLISECONDS.toNanos(config.lease_ms()));
        this.runs = new Runs(services, custody, config);
        this.takeovers = new Takeovers(runs, services, agentVersions);
        custody.start(runs, takeovers);
    }

    @Modified
    void modified(RouterConfig config) {
        runs.dispatcher.resize(config.max_running(), seconds(config.low_aging_seconds()), seconds(config.normal_aging_seconds()),
                seconds(config.high_aging_seconds()));
        runs.timeoutNanos = seconds(config.timeout_seconds());
        custody.lease(TimeUnit.MILLISECONDS.toNanos(config.lease_ms()));
    }

    @Deactivate
    void deactivate() {
        runs.stop();
    }

    // --- services the router reads as it goes

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindStore(DecisionResultStore bound) {
        services.store = bound;
    }

    void unbindStore(DecisionResultStore unbound) {
        if (services.store == unbound) {
            services.store = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindEngine(DebateService bound) {
        services.engine = bound;
    }

    void unbindEngine(DebateService unbound) {
        if (services.engine == unbound) {
            services.engine = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindCache(DecisionCache bound) {
        services.cache = bound;
    }

    void unbindCache(DecisionCache unbound) {
        if (services.cache == unbound) {
            services.cache = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindReceipts(ReceiptService bound) {
        services.receipts = bound;
    }

    void unbindReceipts(ReceiptService unbound) {
        if (services.receipts == unbound) {
            services.receipts = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindDebates(DebateStore bound) {
        services.debates = bound;
    }

    void unbindDebates(DebateStore unbound) {
        if (services.debates == unbound) {
            services.debates = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindJobs(JobQueue bound) {
        services.jobs = bound;
    }

    void unbindJobs(JobQueue unbound) {
        if (services.jobs == unbound) {
            services.jobs = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindBus(ClusterBus bus) {
        remoteCancels.bind(bus);
    }

    void unbindBus(ClusterBus bus) {
        remoteCancels.unbind(bus);
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
        runs.callbacks.policy = policy;
    }

    void unbindOutboundPolicy(ai.aragora.api.webhook.OutboundPolicy policy) {
        if (runs.callbacks.policy == policy) {
            runs.callbacks.policy = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindCallbacks(ai.aragora.api.webhook.Callbacks delivery) {
        runs.callbacks.delivery = delivery;
    }

    void unbindCallbacks(ai.aragora.api.webhook.Callbacks delivery) {
        if (runs.callbacks.delivery == delivery) {
            runs.callbacks.delivery = null;
        }
    }

    // --- DecisionRouter

    @Override
    public DecisionResult submit(DecisionRequest request) {
        return submit(request, null);
    }

    private DecisionResult submit(DecisionRequest request, String retriedFrom) {
        DecisionResultStore current = services.store();
        runs.callbacks.check(request.callbackUrl());
        DebateSpec spec = Specs.of(request, agentVersions.names());
        Map<String, String> versions = new LinkedHashMap<>();
        for (String agent : spec.agents()) {
            versions.put(agent, agentVersions.of(agent));
        }
        DecisionCache currentCache = services.cache;
        String policy = currentCache == null ? "" : currentCache.policyVersion();
        String key = DecisionKeys.key(request, spec.agents(), spec.rounds(), spec.consensus().wire(), policy, versions);
        Instant now = Instant.now();
        String id = "dec-" + UUID.randomUUID();
        String stored = StoredRequests.write(request);
        if (request.useCache() && currentCache != null) {
            Optional<DecisionResult> answered = CachedAnswers.answer(currentCache, key, id, request, policy, stored, retriedFrom, now);
            if (answered.isPresent()) {
                recordBehind(current, answered.get());
                runs.endings.count(answered.get());
                runs.callbacks.deliver(answered.get(), request.callbackUrl());
                return answered.get();
            }
        }
        DecisionResult pending = new DecisionResult(id, request.workspace(), key, request.type().wire(), policy, null, false, 0,
                now, request.orgId(), DecisionStatus.PENDING.wire(), request.priority().wire(), stored, null, null, retriedFrom,
                null, now);
        Entry entry = new Entry(pending, request, spec, versions);
        // Known here before it is stored, so that no sweep for decisions without an owner takes it for one.
        runs.unfinished.put(id, entry);
        try {
            await(current.record(pending), id);
        } catch (RuntimeException e) {
            runs.unfinished.remove(id, entry);
            throw e;
        }
        runs.queue(entry);
        return pending;
    }

    @Override
    public Optional<DecisionResult> find(String id) {
        DecisionResult behind = writingBehind.get(id);
        return behind != null ? Optional.of(behind) : services.store().find(id);
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
        return services.store().list(orgId, status == null ? null : status.wire(), type == null ? null : type.wire(), offset, limit);
    }

    @Override
    public Optional<DecisionResult> cancel(String id, String reason) {
        String why = reason == null || reason.isBlank() ? "cancelled" : "cancelled: " + reason;
        Entry entry = runs.unfinished.get(id);
        if (entry == null) {
            DecisionResultStore current = services.store();
            Optional<DecisionResult> stored = current.find(id);
            if (stored.isEmpty()) {
                return stored;
            }
            if (DecisionStatus.parse(stored.get().status()).isFinal()) {
                throw new IllegalStateException("decision " + id + " has ended (status " + stored.get().status() + ")");
            }
            return Optional.of(remoteCancels.cancel(current, stored.get(), reason));
        }
        DecisionResult cancelled = cancel(entry, why);
        if (cancelled == null) {
            throw new IllegalStateException("decision " + id + " has ended");
        }
        CompletionStage<?> written;
        synchronized (entry) {
            written = entry.ended;
        }
        await(written, id);
        return Optional.of(cancelled);
    }

    /** Another instance was asked to cancel a decision: this one cancels it when it holds it. */
    private void cancelHeld(String id, String reason) {
        Entry entry = runs.unfinished.get(id);
        if (entry != null) {
            cancel(entry, reason == null || reason.isBlank() ? "cancelled" : "cancelled: " + reason);
        }
    }

    /** Ends the decision as cancelled and stops its debate; null when it had ended already. */
    private DecisionResult cancel(Entry entry, String why) {
        runs.dispatcher.withdraw(entry);
        String debate;
        synchronized (entry) {
            debate = entry.debateId;
        }
        DecisionResult cancelled = runs.finish(entry, DecisionStatus.CANCELLED, null, null, why);
        DebateService current = services.engine;
        if (cancelled != null && debate != null && current != null) {
            current.cancel(debate);
        }
        return cancelled;
    }

    @Override
    public Optional<DecisionResult> retry(String id) {
        Optional<DecisionResult> stored = services.store().find(id);
        if (stored.isEmpty()) {
            return stored;
        }
        DecisionResult previous = stored.get();
        DecisionStatus status = DecisionStatus.parse(previous.status());
        if (!status.retryable() || runs.unfinished.containsKey(id)) {
            throw new IllegalStateException("only a failed, cancelled or timed-out decision can be retried; decision " + id
                    + " is " + status.wire());
        }
        return Optional.of(submit(StoredRequests.read(previous.request(), previous.orgId()), id));
    }

    int waiting() {
        return runs.dispatcher.waiting();
    }

    int waiting(Priority priority) {
        return runs.dispatcher.waiting(priority);
    }

    Map<List<String>, Long> ended() {
        return runs.endings.snapshot();
    }

    int running() {
        return runs.dispatcher.running();
    }

    int followed() {
        return takeovers.following();
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

    static long seconds(int s) {
        return TimeUnit.SECONDS.toNanos(s);
    }
}
