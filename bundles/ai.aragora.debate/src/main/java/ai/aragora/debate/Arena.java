package ai.aragora.debate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import ai.aragora.api.agent.Agent;
import ai.aragora.api.agent.AgentInfo;
import ai.aragora.api.debate.ConsensusMode;
import ai.aragora.api.debate.DebateHandle;
import ai.aragora.api.debate.DebateService;
import ai.aragora.api.debate.DebateSpec;
import ai.aragora.api.debate.DebateStatus;
import ai.aragora.api.debate.ProposalSimilarity;
import ai.aragora.api.event.DebateListener;
import ai.aragora.api.health.ComponentHealth;
import ai.aragora.api.knowledge.KnowledgeMound;
import ai.aragora.api.rating.RatingService;
import ai.aragora.api.receipt.ReceiptService;
import ai.aragora.api.resilience.FallbackListener;
import ai.aragora.api.resilience.FallbackNotice;
import ai.aragora.api.storage.DebateStore;
import ai.aragora.api.storage.JobQueue;

/**
 * The debate engine as a service. Agents, the store, ratings, receipts, listeners and the
 * similarity measure are all dynamic references: any of their bundles can be replaced while
 * debates run. Stopping the engine refuses new debates and lets running ones finish for the
 * server's shutdown grace period; the rest are handed over (stopped at their last durable step,
 * their jobs given back, for another instance or this one restarted to resume), or, where
 * nothing outlives the process (no job queue), recorded as interrupted. Each running debate is
 * owned under a lease in the shared job queue; debates whose owner died are resumed here from
 * their stored transcript ({@link Custody}, {@link Takeover}). The debates running here and how
 * they are let go are {@link RunningDebates}; the engine's health indicator {@link EngineHealth}.
 */
@Component(service = {DebateService.class, FallbackListener.class}, configurationPid = {ServerConfig.PID, EngineConfig.PID})
public class Arena implements DebateService, FallbackListener {

    /** Spec metadata key naming who asked for a debate. */
    static final String CREATED_BY = "created_by";

    /** Receipt threads sign (CPU work); storing the receipt is shared among many and holds no thread. */
    private static final int RECEIPT_THREADS_PER_PROCESSOR = 2;

    private final DebateIds ids = new DebateIds();

    private final EngineContext engine;
    private final ExecutorService ownExecutor;
    private final ExecutorService receiptExecutor;
    private final ExecutorService lookupExecutor;
    private final RunningDebates debates = new RunningDebates();
    private volatile boolean draining;
    private final Custody custody;
    private final EngineHealth health;

    @Activate
    public Arena(BundleContext bundle, ServerConfig server, EngineConfig config) {
        this(bundle, new SystemScheduler(), pool("aragora-debate-", config.threads(), 1),
                pool("aragora-receipts-", config.receipt_threads(), RECEIPT_THREADS_PER_PROCESSOR),
                pool("aragora-knowledge-lookup-", 0, 1), EngineSettings.of(server, config));
    }

    /** Prior knowledge is looked up on the executor of the debate steps. */
    Arena(BundleContext bundle, Scheduler scheduler, ExecutorService executor, ExecutorService receiptExecutor,
            EngineSettings settings) {
        this(bundle, scheduler, executor, receiptExecutor, executor, settings);
    }

    Arena(BundleContext bundle, Scheduler scheduler, ExecutorService executor, ExecutorService receiptExecutor,
            ExecutorService lookupExecutor, EngineSettings settings) {
        this.ownExecutor = executor;
        this.receiptExecutor = receiptExecutor;
        this.lookupExecutor = lookupExecutor;
        this.engine = new EngineContext(scheduler, executor, receiptExecutor, lookupExecutor, settings, this::finished);
        this.custody = new Custody(engine, new Takeover(engine, debates::get, this::adopt,
                () -> debates.room(engine.settings.maxActive())));
        this.health = new EngineHealth(bundle, engine, debates, () -> draining);
    }

    @Modified
    void modified(ServerConfig server, EngineConfig config) {
        engine.settings = EngineSettings.of(server, config);
    }

    @Deactivate
    void deactivate() {
        draining = true;
        custody.drain();
        // With a job queue the debates outlive this process: those left are handed over, not interrupted.
        debates.drain(engine.settings.shutdownGraceNanos(), custody::tracking);
        custody.stop();
        health.unregister();
        ownExecutor.shutdown();
        receiptExecutor.shutdown();
        lookupExecutor.shutdown();
        engine.scheduler.shutdown();
    }

    // --- DebateService

    @Override
    public DebateHandle start(DebateSpec spec) {
        if (draining) {
            throw new IllegalStateException("the engine is shutting down and accepts no new debates");
        }
        EngineSettings settings = engine.settings;
        // A place is taken before anything else, so concurrent starts cannot all pass the check.
        if (!debates.reserve(settings.maxActive())) {
            throw new IllegalStateException("the engine is at capacity: " + settings.maxActive() + " debates are running");
        }
        Debate debate = null;
        try {
            List<String> unknown = new ArrayList<>();
            AgentInfo[] infos = new AgentInfo[spec.agents().size()];
            for (int i = 0; i < infos.length; i++) {
                infos[i] = info(spec.agents().get(i), unknown);
            }
            AgentInfo judgeInfo = null;
            if (spec.consensus() == ConsensusMode.JUDGE && !spec.agents().contains(spec.effectiveJudge())) {
                judgeInfo = info(spec.effectiveJudge(), unknown);
            }
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException((unknown.size() == 1 ? "unknown agent: " : "unknown agents: ")
                        + String.join(", ", unknown) + " (available: " + String.join(", ", engine.agents.names()) + ")");
            }
            debate = new Debate(engine, ids.next(engine.scheduler.now().toEpochMilli()), spec, infos, judgeInfo,
                    PriorKnowledgeLookup.of(engine, spec));
            debates.add(debate);
            if (draining) {
                throw new IllegalStateException("the engine is shutting down and accepts no new debates");
            }
            debate.start(spec.metadata().get(CREATED_BY));
            custody.hold(debate);
            return debate;
        } catch (RuntimeException e) {
            if (debate == null) {
                debates.release();
            } else {
                debates.remove(debate);
            }
            throw e;
        }
    }

    @Override
    public Optional<DebateHandle> running(String id) {
        return Optional.ofNullable(debates.get(id));
    }

    @Override
    public boolean cancel(String id) {
        Debate debate = debates.get(id);
        return debate != null && debate.requestStop(DebateStatus.CANCELLED);
    }

    @Override
    public Collection<DebateHandle> active() {
        return List.copyOf(debates.all());
    }

    /** A provider rerouted a call of a running debate; notices for debates not running here are dropped. */
    @Override
    public void onFallback(FallbackNotice notice) {
        Debate debate = debates.get(notice.debateId());
        if (debate != null) {
            debate.fallback(notice);
        }
    }

    @Override
    public boolean accepts(String agent) {
        return engine.agents.current(agent) != null;
    }

    // --- references

    @Reference(service = Agent.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addAgent(Agent agent, Map<String, Object> properties) {
        engine.agents.add(agent, properties);
    }

    void updatedAgent(Agent agent, Map<String, Object> properties) {
        engine.agents.update(agent, properties);
        debates.wakeAll();
    }

    void removeAgent(Agent agent) {
        engine.agents.remove(agent);
        debates.wakeAll();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindStore(DebateStore store) {
        engine.store.bind(store);
        health.register();
    }

    void unbindStore(DebateStore store) {
        if (engine.store.unbind(store)) {
            health.unregister();
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindJobs(JobQueue jobs) {
        custody.bind(jobs);
    }

    void unbindJobs(JobQueue jobs) {
        custody.unbind(jobs);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindRatings(RatingService ratings) {
        engine.ratings = ratings;
    }

    void unbindRatings(RatingService ratings) {
        if (engine.ratings == ratings) {
            engine.ratings = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindReceipts(ReceiptService receipts) {
        engine.receipts = receipts;
    }

    void unbindReceipts(ReceiptService receipts) {
        if (engine.receipts == receipts) {
            engine.receipts = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindSimilarity(ProposalSimilarity similarity) {
        engine.similarity = similarity;
    }

    void unbindSimilarity(ProposalSimilarity similarity) {
        if (engine.similarity == similarity) {
            engine.similarity = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindKnowledge(KnowledgeMound knowledge) {
        engine.knowledge = knowledge;
    }

    void unbindKnowledge(KnowledgeMound knowledge) {
        if (engine.knowledge == knowledge) {
            engine.knowledge = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addListener(DebateListener listener) {
        engine.listeners.add(listener);
    }

    void removeListener(DebateListener listener) {
        engine.listeners.remove(listener);
    }

    // --- health

    ComponentHealth health() {
        return health.health();
    }

    // --- internals

    private AgentInfo info(String name, List<String> unknown) {
        Agent agent = engine.agents.current(name);
        if (agent == null) {
            unknown.add(name);
            return null;
        }
        try {
            return agent.info();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void finished(Debate debate) {
        // The job first: a stopping engine that finds no debate left waits for the jobs given back.
        if (debate.handedOver()) {
            custody.handBack(debate.id());
        } else {
            custody.release(debate.id());
        }
        debates.remove(debate);
    }

    /** Takes a debate resumed from another process into the running ones, if there is room. */
    private boolean adopt(Debate debate) {
        return !draining && debates.adopt(debate, engine.settings.maxActive());
    }

    /**
     * One FIFO queue for every debate step: a debate woken from outside waits behind the steps
     * already queued, never behind an endless chain of steps its thread produces itself.
     */
    private static ExecutorService pool(String name, int threads, int perProcessor) {
        int size = threads > 0 ? threads : perProcessor * Runtime.getRuntime().availableProcessors();
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(size, size, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, name + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }
}
