package ai.aragora.knowledge;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.event.DebateEvent;
import ai.aragora.api.event.DebateListener;
import ai.aragora.api.event.EventType;
import ai.aragora.api.health.ComponentHealth;
import ai.aragora.api.knowledge.KnowledgeAdapter;
import ai.aragora.api.knowledge.KnowledgeStore;
import ai.aragora.api.knowledge.Learned;
import ai.aragora.api.knowledge.MoundHealth;
import ai.aragora.api.knowledge.NewNode;
import ai.aragora.api.receipt.Receipt;
import ai.aragora.api.receipt.ReceiptService;
import ai.aragora.api.storage.DebateStore;

/**
 * Hands every decided debate to every adapter once, in the order debates finished. A decided
 * debate's end is queued in the mound's store; each adapter has a cursor there, moved in the same
 * transaction as what it learned, so an adapter replaced by a newer one of its name resumes at
 * the next debate, and one that fails stops at the debate that failed and tries it again on the
 * next pass. An adapter whose bundle is gone keeps its cursor and its nodes.
 */
@Component(service = {AdapterSync.class, DebateListener.class}, configurationPid = KnowledgeConfig.PID)
public class AdapterSync implements DebateListener {

    private static final Logger LOG = LoggerFactory.getLogger(AdapterSync.class);
    private static final int PAGE = 100;

    /** What the health report says of one adapter. */
    private record State(ComponentHealth.Status status, String detail) {
    }

    private final KnowledgeStore store;
    private final MoundMetrics metrics;
    private final boolean enabled;
    private final String defaultWorkspace;
    private final Map<String, KnowledgeAdapter> adapters = new ConcurrentHashMap<>();
    /** Adapters bound and not yet obtained; guarded by {@link #obtained}. */
    private final Map<ServiceReference<KnowledgeAdapter>, ComponentServiceObjects<KnowledgeAdapter>> arriving = new LinkedHashMap<>();
    /** The adapters obtained, by their service; guarded by itself. */
    private final Map<ServiceReference<KnowledgeAdapter>, KnowledgeAdapter> obtained = new LinkedHashMap<>();
    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "aragora-km-sync");
        t.setDaemon(true);
        return t;
    });
    /** Where queueing and passes run: the sync thread, or the caller's thread outside the framework. */
    private final Executor runner;
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile DebateStore debates;
    private volatile ReceiptService receipts;
    private volatile Consumer<Learned> afterLearning = learned -> {
    };

    @Activate
    public AdapterSync(@Reference KnowledgeStore store, @Reference MoundMetrics metrics, KnowledgeConfig config) {
        this(store, metrics, config.enabled(), config.default_workspace(), true);
        worker.scheduleWithFixedDelay(this::requestPass, config.sync_interval_seconds(), config.sync_interval_seconds(), TimeUnit.SECONDS);
    }

    /** Outside the framework (tests, commands): queueing and passes run on the caller's thread. */
    static AdapterSync onCallerThread(KnowledgeStore store, MoundMetrics metrics) {
        return new AdapterSync(store, metrics, true, NewNode.DEFAULT_WORKSPACE, false);
    }

    private AdapterSync(KnowledgeStore store, MoundMetrics metrics, boolean enabled, String defaultWorkspace, boolean background) {
        this.store = store;
        this.metrics = metrics;
        this.enabled = enabled;
        this.defaultWorkspace = defaultWorkspace == null || defaultWorkspace.isBlank() ? NewNode.DEFAULT_WORKSPACE : defaultWorkspace;
        this.runner = background ? worker : Runnable::run;
    }

    /** Told of what each adapter learned, once it is stored. */
    void afterLearning(Consumer<Learned> listener) {
        afterLearning = listener;
    }

    @Deactivate
    void deactivate() {
        worker.shutdownNow();
    }

    /**
     * An adapter registered is obtained on the sync thread, not while it is bound: obtaining one
     * activates it, and an adapter that needs the mound would otherwise be activated inside the
     * mound's own activation (which needs this component), a cycle DS reports as an error.
     */
    @Reference(service = KnowledgeAdapter.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindAdapter(ComponentServiceObjects<KnowledgeAdapter> objects) {
        synchronized (obtained) {
            arriving.put(objects.getServiceReference(), objects);
        }
        runner.execute(this::obtainArrived);
    }

    void unbindAdapter(ComponentServiceObjects<KnowledgeAdapter> objects) {
        KnowledgeAdapter adapter;
        synchronized (obtained) {
            arriving.remove(objects.getServiceReference());
            adapter = obtained.remove(objects.getServiceReference());
            if (adapter != null) {
                removeAdapter(adapter);
            }
        }
        if (adapter != null) {
            objects.ungetService(adapter);
        }
    }

    /**
     * Obtains the adapters bound meanwhile, one at a time and holding no lock while DS activates
     * one: the activation may wait for the mound, whose activating thread may be binding another
     * adapter here. One unbound while it was being obtained is given back.
     */
    private void obtainArrived() {
        for (;;) {
            Map.Entry<ServiceReference<KnowledgeAdapter>, ComponentServiceObjects<KnowledgeAdapter>> next;
            synchronized (obtained) {
                if (arriving.isEmpty()) {
                    return;
                }
                var first = arriving.entrySet().iterator().next();
                next = Map.entry(first.getKey(), first.getValue());
            }
            KnowledgeAdapter adapter = next.getValue().getService();
            boolean kept;
            synchronized (obtained) {
                kept = arriving.remove(next.getKey(), next.getValue()) && adapter != null;
                if (kept) {
                    obtained.put(next.getKey(), adapter);
                    addAdapter(adapter);
                }
            }
            if (!kept && adapter != null) {
                giveBack(next.getValue(), adapter);
            }
        }
    }

    private static void giveBack(ComponentServiceObjects<KnowledgeAdapter> objects, KnowledgeAdapter adapter) {
        try {
            objects.ungetService(adapter);
        } catch (IllegalStateException alreadyReleased) {
            // DS released it with the reference.
        }
    }

    void addAdapter(KnowledgeAdapter adapter) {
        adapters.put(adapter.name(), adapter);
        states.put(adapter.name(), new State(ComponentHealth.Status.HEALTHY, "waiting for its first pass"));
        requestPass();
    }

    void removeAdapter(KnowledgeAdapter adapter) {
        adapters.remove(adapter.name(), adapter);
    }

    /** The adapter of that name running now, else null. */
    KnowledgeAdapter running(String name) {
        return adapters.get(name);
    }

    Set<String> runningNames() {
        return Set.copyOf(adapters.keySet());
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindDebates(DebateStore store) {
        debates = store;
        requestPass();
    }

    void unbindDebates(DebateStore store) {
        if (debates == store) {
            debates = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindReceipts(ReceiptService service) {
        receipts = service;
    }

    void unbindReceipts(ReceiptService service) {
        if (receipts == service) {
            receipts = null;
        }
    }

    /** A decided debate's end queues it and starts a pass; everything happens on the sync thread. */
    @Override
    public void onEvent(DebateEvent event) {
        if (enabled && event.type() == EventType.DEBATE_END && event.data().containsKey("verdict")) {
            String id = event.debateId();
            runner.execute(() -> {
                try {
                    store.enqueue(id, Instant.now());
                } catch (RuntimeException e) {
                    LOG.warn("debate {} was not queued for the knowledge adapters: {}", id, e.toString());
                }
            });
            requestPass();
        }
    }

    /** Queues one pass (runs it now on the caller's thread outside the framework); many requests meanwhile make one. */
    void requestPass() {
        if (enabled && pending.compareAndSet(false, true)) {
            runner.execute(() -> {
                pending.set(false);
                syncNow();
            });
        }
    }

    /**
     * One pass: every adapter catches up as far as it can. The queue is read from the adapter
     * furthest behind, and each debate is read once for all the adapters not yet past it.
     */
    private void syncNow() {
        DebateStore source = debates;
        Map<String, KnowledgeAdapter> running = new LinkedHashMap<>(adapters);
        if (source == null || running.isEmpty()) {
            return;
        }
        Map<String, Long> cursors = new HashMap<>();
        running.keySet().forEach(name -> cursors.put(name, store.cursor(name)));
        long from = Collections.min(cursors.values());
        for (List<KnowledgeStore.Queued> page = store.queued(from, PAGE); !page.isEmpty() && !running.isEmpty();
                page = store.queued(from, PAGE)) {
            for (KnowledgeStore.Queued q : page) {
                List<KnowledgeAdapter> due = running.values().stream().filter(a -> cursors.get(a.name()) < q.seq()).toList();
                if (!due.isEmpty() && !teach(due, q, source, cursors, running)) {
                    return;
                }
                from = q.seq();
            }
        }
        running.keySet().forEach(name -> states.put(name, new State(ComponentHealth.Status.HEALTHY, "synced up to debate #" + cursors.get(name))));
    }

    /**
     * Gives one debate to each adapter {@code due}, moving its cursor; an adapter that fails, or was
     * replaced meanwhile, leaves the pass. False when the debate could not be read: the pass stops.
     */
    private boolean teach(List<KnowledgeAdapter> due, KnowledgeStore.Queued q, DebateStore source, Map<String, Long> cursors,
            Map<String, KnowledgeAdapter> running) {
        Optional<DebateResult> result;
        Optional<Receipt> receipt;
        try {
            result = source.result(q.debateId());
            receipt = result.flatMap(this::receipt);
        } catch (RuntimeException e) {
            running.keySet().forEach(name -> failed(name, q, e));
            return false;
        }
        // Every adapter's learning of the debate is queued before any is awaited, so they commit together.
        record Pending(KnowledgeAdapter adapter, Learned learned, CompletionStage<Boolean> write, long start) {
        }
        List<Pending> pending = new ArrayList<>(due.size());
        for (KnowledgeAdapter adapter : due) {
            String name = adapter.name();
            if (adapters.get(name) != adapter) {
                running.remove(name);
                continue;
            }
            long start = System.nanoTime();
            try {
                // A debate deleted since it ended teaches nothing; the cursor still moves past it.
                Learned learned = result.map(r -> inDefaultWorkspace(adapter.forward(r, receipt))).orElse(Learned.NOTHING);
                pending.add(new Pending(adapter, learned, store.learnQueued(name, q.seq(), learned), start));
            } catch (RuntimeException | LinkageError e) {
                running.remove(name);
                failed(name, q, e);
            }
        }
        for (Pending p : pending) {
            String name = p.adapter().name();
            try {
                boolean applied = p.write().toCompletableFuture().join();
                if (applied) {
                    afterLearning.accept(p.learned());
                }
                metrics.syncs.labels(name, applied ? "success" : "skipped").inc();
                metrics.forwardLatency.labels(name).observe((System.nanoTime() - p.start()) / 1e9);
                cursors.put(name, q.seq());
            } catch (CompletionException e) {
                running.remove(name);
                failed(name, q, e.getCause() != null ? e.getCause() : e);
            }
        }
        return true;
    }

    private void failed(String adapter, KnowledgeStore.Queued q, Throwable e) {
        states.put(adapter, new State(ComponentHealth.Status.DEGRADED, "stopped at a debate that failed: " + e));
        metrics.syncs.labels(adapter, "error").inc();
        LOG.warn("knowledge adapter {} failed at debate #{} and tries again on the next pass: {}", adapter, q.seq(), e.toString());
    }

    /** Nodes of a debate that named no workspace go to the configured default one (CP_KM_WORKSPACE). */
    private Learned inDefaultWorkspace(Learned learned) {
        if (defaultWorkspace.equals(NewNode.DEFAULT_WORKSPACE)) {
            return learned;
        }
        List<NewNode> moved = learned.nodes().stream().map(n -> !n.workspaceId().equals(NewNode.DEFAULT_WORKSPACE) ? n
                : new NewNode(n.orgId(), defaultWorkspace, n.kind(), n.content(), n.confidence(), n.metadata(), n.provenance())).toList();
        return new Learned(moved, learned.links());
    }

    private Optional<Receipt> receipt(DebateResult r) {
        ReceiptService service = receipts;
        if (service == null || r.receiptId() == null) {
            return Optional.empty();
        }
        try {
            return service.find(r.receiptId());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Every adapter ever synced and every one present now, by {@code adapter:<name>}. */
    Map<String, MoundHealth.Component> health() {
        Map<String, MoundHealth.Component> out = new LinkedHashMap<>();
        Map<String, Long> cursors = store.cursors();
        for (String name : cursors.keySet()) {
            if (!adapters.containsKey(name)) {
                out.put("adapter:" + name, new MoundHealth.Component(ComponentHealth.Status.HEALTHY, false,
                        "bundle not installed: its nodes stay, it resumes after debate #" + cursors.get(name) + " when installed"));
            }
        }
        for (String name : adapters.keySet()) {
            State s = states.getOrDefault(name, new State(ComponentHealth.Status.HEALTHY, ""));
            out.put("adapter:" + name, new MoundHealth.Component(s.status(), enabled, enabled ? s.detail() : "off (CP_ENABLE_KM=false)"));
        }
        DebateStore source = debates;
        out.put("sync", new MoundHealth.Component(source == null ? ComponentHealth.Status.DEGRADED : ComponentHealth.Status.HEALTHY,
                enabled && source != null, !enabled ? "off (CP_ENABLE_KM=false)"
                        : source == null ? "no debate store: finished debates are not read" : adapters.size() + " adapters"));
        return out;
    }
}
