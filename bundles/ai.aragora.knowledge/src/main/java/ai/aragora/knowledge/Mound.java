package ai.aragora.knowledge;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.aragora.api.cluster.ClusterBus;
import ai.aragora.api.cluster.SharedCache;
import ai.aragora.api.health.ComponentHealth;
import ai.aragora.api.health.HealthIndicator;
import ai.aragora.api.knowledge.EmbeddingProvider;
import ai.aragora.api.knowledge.KnowledgeMound;
import ai.aragora.api.knowledge.KnowledgeNode;
import ai.aragora.api.knowledge.KnowledgeQuery;
import ai.aragora.api.knowledge.KnowledgeStore;
import ai.aragora.api.knowledge.MoundHealth;
import ai.aragora.api.knowledge.MoundStats;
import ai.aragora.api.knowledge.NewNode;
import ai.aragora.api.knowledge.NodeKind;
import ai.aragora.api.knowledge.PriorKnowledge;
import ai.aragora.api.knowledge.Provenance;
import ai.aragora.api.knowledge.RelationType;
import ai.aragora.api.knowledge.Relationship;
import ai.aragora.api.knowledge.SearchResult;
import ai.aragora.api.knowledge.Stored;
import ai.aragora.api.knowledge.KnowledgeUpkeep;
import ai.aragora.api.knowledge.Upkeep;
import ai.aragora.api.storage.Page;

/**
 * The Knowledge Mound service: the store's nodes with hybrid search, recall for debates about
 * to start, the hourly pass over its nodes' age ({@link MoundUpkeep}), and the health report of
 * everything it depends on.
 */
@Component(service = {KnowledgeMound.class, KnowledgeUpkeep.class, Mound.class, HealthIndicator.class},
        configurationPid = KnowledgeConfig.PID, property = HealthIndicator.COMPONENT + "=knowledge_mound")
public class Mound implements KnowledgeMound, KnowledgeUpkeep, HealthIndicator {

    private static final Logger LOG = LoggerFactory.getLogger(Mound.class);
    private static final Duration FIRST_UPKEEP = Duration.ofMinutes(1);

    private final KnowledgeStore store;
    private final MoundMetrics metrics;
    private final AdapterSync sync;
    private final Embeddings embeddings;
    private final HybridSearch search;
    private final SearchCache cache;
    private final SharedSearches shared;
    private final CacheInvalidations invalidations;
    private final MoundUpkeep upkeep;
    private final ScheduledExecutorService keeper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "aragora-km-tiers");
        t.setDaemon(true);
        return t;
    });
    /**
     * The full-text halves of hybrid searches, four at once; past that (and once stopped) a search
     * runs its own on its thread, as without embeddings.
     */
    private final ThreadPoolExecutor lexicalRunner = new ThreadPoolExecutor(0, 4, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
        Thread t = new Thread(r, "aragora-km-lexical");
        t.setDaemon(true);
        return t;
    }, (task, pool) -> task.run());
    private volatile KnowledgeConfig config;

    @Activate
    public Mound(@Reference KnowledgeStore store, @Reference MoundMetrics metrics, @Reference AdapterSync sync, KnowledgeConfig config) {
        this.store = store;
        this.metrics = metrics;
        this.sync = sync;
        this.config = config;
        this.cache = new SearchCache(metrics, config.cache_max_entries(), TimeUnit.SECONDS.toNanos(config.cache_ttl_seconds()),
                System::nanoTime);
        this.shared = new SharedSearches(() -> Duration.ofSeconds(this.config.cache_ttl_seconds()));
        this.invalidations = new CacheInvalidations(cache, shared, keeper, () -> this.config.cache_background_delay_ms());
        this.embeddings = new Embeddings(store, invalidations::writtenInBackground);
        this.search = new HybridSearch(store, embeddings, metrics, lexicalRunner);
        sync.afterLearning(learned -> eachWorkspace(learned.nodes(), invalidations::writtenInBackground));
        this.upkeep = new MoundUpkeep(store, () -> this.config, invalidations::writtenEverywhere, embeddings::removed,
                Instant.now().plus(FIRST_UPKEEP));
        keeper.scheduleWithFixedDelay(() -> upkeep.run(Instant.now()), FIRST_UPKEEP.toMillis(), MoundUpkeep.EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Modified
    void modified(KnowledgeConfig changed) {
        KnowledgeConfig before = config;
        config = changed;
        if (before.cache_max_entries() != changed.cache_max_entries() || before.cache_ttl_seconds() != changed.cache_ttl_seconds()) {
            cache.resize(changed.cache_max_entries(), TimeUnit.SECONDS.toNanos(changed.cache_ttl_seconds()));
        }
    }

    @Deactivate
    void deactivate() {
        keeper.shutdownNow();
        lexicalRunner.shutdown();
        embeddings.close();
        invalidations.flush();
        invalidations.close();
    }

    /** With a cluster bus, a write on any instance drops the searches it made stale on every instance. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindBus(ClusterBus bus) {
        invalidations.bind(bus);
    }

    void unbindBus(ClusterBus bus) {
        invalidations.unbind(bus);
    }

    /** With KNOWLEDGE_MOUND_REDIS_URL, what one instance searched every instance finds. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            target = "(" + SharedCache.PURPOSE + "=knowledge-mound)")
    void bindShared(SharedCache sharedCache) {
        shared.bind(sharedCache);
    }

    void unbindShared(SharedCache sharedCache) {
        shared.unbind(sharedCache);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindEmbeddings(EmbeddingProvider provider) {
        embeddings.bind(provider);
    }

    void unbindEmbeddings(EmbeddingProvider provider) {
        embeddings.unbind(provider);
    }

    private <T> T timed(String operation, Supplier<T> work) {
        long start = System.nanoTime();
        boolean ok = false;
        try {
            T value = work.get();
            ok = true;
            return value;
        } finally {
            metrics.observe(operation, ok, start);
        }
    }

    @Override
    public Stored add(NewNode node) {
        Stored stored = timed("add", () -> store.upsert(node));
        invalidations.written(node.orgId(), node.workspaceId());
        embeddings.catchUpLater();
        return stored;
    }

    /** Many nodes in one transaction (an import of new content, a benchmark's ingest). */
    List<Stored> addAll(List<NewNode> nodes) {
        List<Stored> stored = timed("add", () -> store.upsertAll(nodes));
        written(nodes);
        embeddings.catchUpLater();
        return stored;
    }

    /** Nodes of {@code orgId} were written around {@link #add}: they need vectors too, and its searches are stale. */
    void imported(String orgId) {
        invalidations.written(orgId, null);
        embeddings.catchUpLater();
    }

    private void written(List<NewNode> nodes) {
        eachWorkspace(nodes, invalidations::written);
    }

    /** Tells {@code written} of each org and workspace the nodes are in, once. */
    private static void eachWorkspace(List<NewNode> nodes, BiConsumer<String, String> written) {
        nodes.stream().map(n -> List.of(n.orgId(), n.workspaceId())).distinct().forEach(w -> written.accept(w.get(0), w.get(1)));
    }

    @Override
    public Optional<KnowledgeNode> node(String orgId, String id) {
        return timed("get", () -> store.find(orgId, id));
    }

    @Override
    public Page<KnowledgeNode> nodes(String orgId, String workspaceId, NodeKind kind, int offset, int limit) {
        return timed("list", () -> store.list(orgId, workspaceId, kind, offset, limit));
    }

    @Override
    public boolean delete(String orgId, String id) {
        boolean deleted = timed("delete", () -> store.delete(orgId, id));
        if (deleted) {
            invalidations.written(orgId, null);
            embeddings.removed(id);
        }
        return deleted;
    }

    @Override
    public Relationship relate(String orgId, String sourceId, String targetId, RelationType type, Provenance provenance) {
        return timed("relate", () -> store.relate(orgId, sourceId, targetId, type, provenance));
    }

    @Override
    public List<Relationship> relationships(String orgId, String nodeId) {
        return timed("relationships", () -> store.relationships(orgId, nodeId));
    }

    @Override
    public SearchResult search(KnowledgeQuery query) {
        return timed("search", () -> cachedSearch(query, config.lexical_boost()));
    }

    private SearchResult cachedSearch(KnowledgeQuery query, double lexicalBoost) {
        Embeddings.Current e = embeddings.ready();
        String mode = e == null ? "lexical" : e.index.model();
        SearchCache.Key key = new SearchCache.Key(query, lexicalBoost, mode);
        Supplier<SearchResult> sharedOrSearched = () -> shared.get(key, () -> search.search(query, lexicalBoost));
        // Without the bus this instance's own tier would not hear the others' writes; the shared tier does.
        return shared.bound() && !invalidations.shared() ? sharedOrSearched.get() : cache.get(key, sharedOrSearched);
    }

    @Override
    public PriorKnowledge recall(String orgId, String workspaceId, String task, int tokenBudget) {
        KnowledgeConfig c = config;
        if (!c.enabled()) {
            return PriorKnowledge.NONE;
        }
        return timed("recall", () -> {
            int budget = tokenBudget <= 0 ? c.recall_token_budget() : Math.min(tokenBudget, c.recall_token_budget());
            SearchResult found = cachedSearch(Recall.query(orgId, workspaceId, task, c.recall_min_confidence()), c.lexical_boost());
            PriorKnowledge prior = Recall.select(found, budget, c.recall_min_similarity());
            if (!prior.isEmpty()) {
                // The debate need not wait for the count: a use lost to a crash only leaves a node a tier colder.
                store.used(orgId, prior.nodeIds(), Instant.now()).whenComplete((done, failed) -> {
                    if (failed != null) {
                        LOG.warn("uses of prior knowledge were not counted: {}", failed.toString());
                    }
                });
                metrics.reuse.inc();
            }
            return prior;
        });
    }

    @Override
    public MoundStats stats(String orgId, String workspaceId) {
        return timed("stats", () -> store.stats(orgId, workspaceId));
    }

    /**
     * Embeds every node without a vector of the current model, telling {@code progress} how many
     * are embedded so far after each batch; resumable, since it starts from whatever still has no vector.
     *
     * @throws IllegalStateException when no embedding provider is installed
     */
    long reembed(LongConsumer progress) {
        Embeddings.Current c = embeddings.current();
        if (c == null) {
            throw new IllegalStateException("no embedding provider is installed: search is lexical only");
        }
        return embeddings.catchUpNow(c, progress);
    }

    /** The embedding model in use, else null. */
    String embedder() {
        Embeddings.Current c = embeddings.current();
        return c == null ? null : c.index.model();
    }

    @Override
    public MoundHealth health() {
        Map<String, MoundHealth.Component> components = new LinkedHashMap<>();
        try {
            long adapters = store.cursors().size();
            components.put("store", new MoundHealth.Component(ComponentHealth.Status.HEALTHY, true, adapters + " adapter cursors"));
        } catch (RuntimeException e) {
            components.put("store", new MoundHealth.Component(ComponentHealth.Status.UNAVAILABLE, false, "the store does not answer"));
        }
        Embeddings.Current e = embeddings.current();
        if (e == null) {
            components.put("embeddings", new MoundHealth.Component(ComponentHealth.Status.HEALTHY, false,
                    "no embedding provider installed: search is lexical only"));
        } else if (e.failure != null) {
            components.put("embeddings", new MoundHealth.Component(ComponentHealth.Status.DEGRADED, true,
                    embedder(e) + " failed: " + e.failure));
        } else {
            components.put("embeddings", new MoundHealth.Component(ComponentHealth.Status.HEALTHY, true,
                    embedder(e) + ": " + e.index.size() + " vectors" + (e.ready ? "" : " (loading)")));
        }
        components.put("search", new MoundHealth.Component(ComponentHealth.Status.HEALTHY, true,
                embeddings.ready() == null ? "lexical" : "hybrid (lexical and semantic)"));
        KnowledgeConfig k = config;
        components.put("cache", cacheHealth(config));
        components.put("recall", new MoundHealth.Component(ComponentHealth.Status.HEALTHY, config.enabled(),
                config.enabled() ? "debates are given up to " + config.recall_token_budget() + " tokens of prior knowledge"
                        : "off (CP_ENABLE_KM=false)"));
        components.put("upkeep", upkeepHealth(upkeep.latest()));
        try {
            components.putAll(sync.health());
        } catch (RuntimeException ex) {
            components.put("sync", new MoundHealth.Component(ComponentHealth.Status.UNAVAILABLE, false, "the store does not answer"));
        }
        ComponentHealth.Status worst = ComponentHealth.Status.HEALTHY;
        for (MoundHealth.Component c : components.values()) {
            if (c.status().ordinal() > worst.ordinal()) {
                worst = c.status();
            }
        }
        return new MoundHealth(worst, components);
    }

    private MoundHealth.Component cacheHealth(KnowledgeConfig k) {
        String tiers = cache.size() + " of at most " + k.cache_max_entries() + " searches cached for " + k.cache_ttl_seconds() + " s; "
                + (invalidations.shared() ? "writes on other instances reach it over the cluster bus" : "local to this instance (no cluster bus)");
        if (!shared.bound()) {
            return new MoundHealth.Component(ComponentHealth.Status.HEALTHY, k.cache_max_entries() > 0 && k.cache_ttl_seconds() > 0, tiers);
        }
        if (!invalidations.shared()) {
            tiers = "not used (no cluster bus: it would not hear other instances' writes)";
        }
        return shared.connected()
                ? new MoundHealth.Component(ComponentHealth.Status.HEALTHY, k.cache_ttl_seconds() > 0,
                        tiers + "; searches shared with every instance on Redis (KNOWLEDGE_MOUND_REDIS_URL)")
                : new MoundHealth.Component(ComponentHealth.Status.DEGRADED, true,
                        tiers + "; the shared cache on Redis (KNOWLEDGE_MOUND_REDIS_URL) does not answer: searches go to the store");
    }

    /** Degraded while the latest pass failed: nodes then keep their tiers and confidence until one succeeds. */
    private static MoundHealth.Component upkeepHealth(Upkeep u) {
        if (u.lastRun() == null) {
            return new MoundHealth.Component(ComponentHealth.Status.HEALTHY, false, "first pass at " + u.nextRun());
        }
        Upkeep.Pass p = u.last();
        return p.error() != null
                ? new MoundHealth.Component(ComponentHealth.Status.DEGRADED, true, "the pass at " + u.lastRun() + " failed: " + p.error())
                : new MoundHealth.Component(ComponentHealth.Status.HEALTHY, true, "the pass at " + u.lastRun() + " cooled " + p.cooled()
                        + ", decayed " + p.decayed() + " and deleted " + p.expired() + " nodes; next at " + u.nextRun());
    }

    /** The model and the provider's package, which names its bundle: {@code all-minilm-l6-v2 (ai.aragora.knowledge.embeddings.local)}. */
    private static String embedder(Embeddings.Current e) {
        return e.index.model() + " (" + e.provider.getClass().getPackageName() + ")";
    }

    /** The summary {@code /api/health} shows; {@code /api/health/knowledge-mound} has the components. */
    @Override
    public ComponentHealth check() {
        MoundHealth h = health();
        return new ComponentHealth(h.status(), h.healthy() + " of " + h.components().size() + " components healthy, "
                + h.active() + " active");
    }

    @Override
    public Upkeep latest() {
        return upkeep.latest();
    }

    /** One pass of {@link MoundUpkeep} now (the keeper runs one every hour). */
    Upkeep.Pass upkeep(Instant now) {
        return upkeep.run(now);
    }
}
