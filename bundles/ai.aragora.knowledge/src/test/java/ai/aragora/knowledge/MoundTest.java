package ai.aragora.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.aragora.api.cluster.MemoryBroker;
import ai.aragora.api.cluster.MemorySharedCache;
import ai.aragora.api.cluster.ClusterBus;
import ai.aragora.api.cluster.ClusterListener;
import ai.aragora.api.health.ComponentHealth;
import ai.aragora.api.knowledge.EmbeddingProvider;
import ai.aragora.api.knowledge.KnowledgeNode;
import ai.aragora.api.knowledge.KnowledgeQuery;
import ai.aragora.api.knowledge.KnowledgeStore;
import ai.aragora.api.knowledge.MoundHealth;
import ai.aragora.api.knowledge.NewNode;
import ai.aragora.api.knowledge.NodeKind;
import ai.aragora.api.knowledge.PriorKnowledge;
import ai.aragora.api.knowledge.Provenance;
import ai.aragora.api.knowledge.SearchResult;
import ai.aragora.api.knowledge.Tier;
import ai.aragora.api.knowledge.Upkeep;

class MoundTest {

    @TempDir
    Path temp;

    private final TestConfig config = new TestConfig();
    private SqliteMound km;

    @AfterEach
    void close() {
        km.close();
    }

    private Mound mound() {
        km = new SqliteMound(temp.resolve("data"), config);
        return km.mound;
    }

    private static NewNode node(String org, String content) {
        return new NewNode(org, "default", NodeKind.CONSENSUS, content, 0.8, Map.of(), Provenance.ofDebate("consensus", "d-" + org, null,
                Instant.parse("2026-01-01T00:00:00Z")));
    }

    /** The value once it passes {@code test}: uses are counted after recall returns. */
    private static <T> T eventually(Supplier<T> value, Predicate<T> test) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        T v = value.get();
        while (!test.test(v) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            v = value.get();
        }
        return v;
    }

    @Test
    void aDebateIsGivenItsOrgsRelevantKnowledgeAndNeverAnotherOrgs() {
        Mound mound = mound();
        String ours = mound.add(node("acme", "Blue-green deployments kept the billing API up during releases")).node().id();
        mound.add(node("acme", "The office coffee machine needs descaling"));
        mound.add(node("globex", "Billing API releases must never use blue-green deployments"));
        mound.add(new NewNode("acme", "default", NodeKind.COST, "Cost of debate d9 on the billing API releases: 900 tokens", 1, Map.of(),
                Provenance.ofDebate("cost", "d9", null, Instant.parse("2026-01-01T00:00:00Z"))));

        PriorKnowledge prior = mound.recall("acme", null, "How should we release the billing API?", 600);

        assertThat(prior.nodeIds()).containsExactly(ours);
        assertThat(prior.context()).startsWith(Recall.HEADING).contains("[consensus, confidence 0.80] Blue-green deployments kept")
                .doesNotContain("never").doesNotContain("coffee").as("bookkeeping is not knowledge").doesNotContain("tokens");
        assertThat(km.metrics.reuse.get()).isEqualTo(1);
        KnowledgeNode used = eventually(() -> mound.node("acme", ours).orElseThrow(), n -> n.uses() == 1);
        assertThat(used.tier()).isEqualTo(Tier.FAST);
        assertThat(mound.recall("initech", null, "How should we release the billing API?", 600)).isEqualTo(PriorKnowledge.NONE);
        assertThat(km.metrics.reuse.get()).isEqualTo(1);
    }

    @Test
    void whatIsGivenFitsTheTokenBudget() {
        Mound mound = mound();
        for (int i = 0; i < 3; i++) {
            mound.add(node("acme", "Rate limits for the partner API, lesson " + i + ": " + "keep bursts short and retry later. ".repeat(10)));
        }

        PriorKnowledge small = mound.recall("acme", null, "partner API rate limits", 150);
        PriorKnowledge large = mound.recall("acme", null, "partner API rate limits", 1000);

        assertThat(small.nodes()).hasSize(1);
        assertThat(small.context().length()).isLessThanOrEqualTo(150 * 4);
        assertThat(large.nodes()).hasSize(3);
        assertThat(mound.recall("acme", null, "partner API rate limits", 1)).isEqualTo(PriorKnowledge.NONE);
        assertThat(mound.recall("acme", null, "partner API rate limits", 0).nodes()).as("the configured 600 tokens").hasSize(3);
    }

    @Test
    void turnedOffNoDebateIsGivenAnything() {
        config.enabled = false;
        Mound mound = mound();
        mound.add(node("acme", "Blue-green deployments for the billing API"));

        assertThat(mound.recall("acme", null, "billing API deployments", 600)).isEqualTo(PriorKnowledge.NONE);
        assertThat(mound.health().components().get("recall").active()).isFalse();
    }

    @Test
    void withoutAModelSearchIsLexicalAndSaysSoWithOneMeaningFindsWhatWordsMiss() {
        Mound mound = mound();
        String fleet = mound.add(node("acme", "Replace the car fleet every four years")).node().id();
        mound.add(node("globex", "Our automobile policy: lease, never buy"));

        SearchResult words = mound.search(KnowledgeQuery.of("acme", null, "which automobile", 5));
        assertThat(words.semantic()).isFalse();
        assertThat(words.hits()).isEmpty();
        MoundHealth before = mound.health();
        assertThat(before.components().get("embeddings").active()).isFalse();
        assertThat(before.components().get("embeddings").detail()).contains("lexical only");
        assertThat(before.components().get("search").detail()).isEqualTo("lexical");

        ConceptEmbeddings model = new ConceptEmbeddings();
        mound.bindEmbeddings(model);
        assertThat(mound.reembed(n -> {
        })).isBetween(0L, 2L);

        SearchResult meaning = mound.search(KnowledgeQuery.of("acme", null, "which automobile", 5));
        assertThat(meaning.semantic()).isTrue();
        assertThat(meaning.hits()).singleElement().satisfies(h -> {
            assertThat(h.node().id()).isEqualTo(fleet);
            assertThat(h.semantic()).isGreaterThan(0.9);
            assertThat(h.lexical()).isZero();
        });
        assertThat(mound.health().components().get("search").detail()).startsWith("hybrid");
        assertThat(mound.health().components().get("embeddings").detail()).as("names the model and its bundle")
                .startsWith(model.model() + " (ai.aragora.knowledge)");
        assertThat(km.metrics.semantic.get()).isEqualTo(1);
    }

    @Test
    void aFailingModelLeavesSearchLexicalAndTheHealthReportDegraded() {
        Mound mound = mound();
        mound.add(node("acme", "Postgres outage postmortem: add a replica"));
        ConceptEmbeddings model = new ConceptEmbeddings();
        mound.bindEmbeddings(model);
        mound.reembed(n -> {
        });
        model.failing = true;

        SearchResult found = mound.search(KnowledgeQuery.of("acme", null, "postgres outage", 5));

        assertThat(found.semantic()).isFalse();
        assertThat(found.hits()).hasSize(1);
        MoundHealth health = mound.health();
        assertThat(health.status()).isEqualTo(ComponentHealth.Status.DEGRADED);
        assertThat(health.components().get("embeddings").detail()).contains("the model is not loaded");
    }

    @Test
    void aDeletedNodeIsFoundNeitherByWordsNorByMeaning() {
        Mound mound = mound();
        String id = mound.add(node("acme", "Budget alerts at 80 percent of the monthly cost")).node().id();
        mound.bindEmbeddings(new ConceptEmbeddings());
        mound.reembed(n -> {
        });

        assertThat(mound.delete("globex", id)).isFalse();
        assertThat(mound.delete("acme", id)).isTrue();

        assertThat(mound.search(KnowledgeQuery.of("acme", null, "price budget cost", 5)).hits()).isEmpty();
    }

    @Test
    void aHybridSearchReadsTheWordsWhileItEmbedsTheQuestionAndAStoreRefusalStaysItsOwn() throws Exception {
        mound();
        String query = "fleet budget";
        CountDownLatch embedding = new CountDownLatch(1);
        AtomicBoolean overlapped = new AtomicBoolean();
        // The words wait for the question's embedding: done one after the other, they would wait in vain.
        KnowledgeStore watched = (KnowledgeStore) Proxy.newProxyInstance(KnowledgeStore.class.getClassLoader(),
                new Class<?>[] {KnowledgeStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("lexical") && ((KnowledgeQuery) args[0]).text().equals(query)) {
                        overlapped.set(embedding.await(10, TimeUnit.SECONDS));
                    }
                    if (method.getName().equals("lexical") && ((KnowledgeQuery) args[0]).text().equals("refused")) {
                        throw new IllegalArgumentException("the store refused the query");
                    }
                    try {
                        return method.invoke(km.store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        Mound mound = new Mound(watched, km.metrics, AdapterSync.onCallerThread(watched, km.metrics), config);
        try {
            String fleet = mound.add(node("acme", "Replace the car fleet every four years")).node().id();
            ConceptEmbeddings concepts = new ConceptEmbeddings();
            mound.bindEmbeddings(new EmbeddingProvider() {
                @Override
                public String model() {
                    return concepts.model();
                }

                @Override
                public int dimensions() {
                    return concepts.dimensions();
                }

                @Override
                public List<float[]> embed(List<String> texts) {
                    if (texts.equals(List.of(query))) {
                        embedding.countDown();
                    }
                    return concepts.embed(texts);
                }
            });
            mound.reembed(n -> {
            });

            SearchResult found = mound.search(KnowledgeQuery.of("acme", null, query, 5));
            assertThat(overlapped).as("the full-text search ran while the question was embedded").isTrue();
            assertThat(found.semantic()).isTrue();
            assertThat(found.hits()).extracting(h -> h.node().id()).containsExactly(fleet);
            assertThatThrownBy(() -> mound.search(KnowledgeQuery.of("acme", null, "refused", 5)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("the store refused the query");
        } finally {
            mound.deactivate();
        }
    }

    @Test
    void agePassCoolsDecaysAndDeletesGlacialNodesPastTheirRetentionFromTheStoreTheIndexAndTheCache() {
        Mound mound = mound();
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        String budget = mound.add(node("acme", "Budget alerts at 80 percent of the monthly cost")).node().id();
        mound.bindEmbeddings(new ConceptEmbeddings());
        mound.reembed(n -> {
        });
        KnowledgeQuery query = KnowledgeQuery.of("acme", null, "price budget cost", 5);
        assertThat(mound.search(query).hits()).hasSize(1);
        assertThat(mound.latest().lastRun()).isNull();
        assertThat(mound.health().components().get("upkeep").detail()).startsWith("first pass at ");

        // 200 days unused: medium -> slow after 30, and confidence down from 0.8 over 170 days of a 180-day half-life
        Upkeep.Pass first = mound.upkeep(t0.plus(Duration.ofDays(200)));
        assertThat(first).isEqualTo(new Upkeep.Pass(1, 1, 0, null));
        KnowledgeNode cooled = mound.node("acme", budget).orElseThrow();
        assertThat(cooled.tier()).isEqualTo(Tier.SLOW);
        assertThat(cooled.confidence()).isCloseTo(0.8 * Math.pow(0.5, 170.0 / 180), within(1e-9));
        assertThat(mound.search(query).hits()).extracting(h -> h.node().confidence()).containsExactly(cooled.confidence());

        assertThat(mound.upkeep(t0.plus(Duration.ofDays(300))).cooled()).isEqualTo(1);
        assertThat(mound.node("acme", budget).orElseThrow().tier()).isEqualTo(Tier.GLACIAL);
        config.glacialRetentionDays = 0;
        assertThat(mound.upkeep(t0.plus(Duration.ofDays(800))).expired()).isZero();
        config.glacialRetentionDays = 365;
        assertThat(mound.upkeep(t0.plus(Duration.ofDays(800))).expired()).isEqualTo(1);

        assertThat(mound.node("acme", budget)).isEmpty();
        assertThat(mound.search(query).hits()).isEmpty();
        assertThat(mound.search(KnowledgeQuery.of("acme", null, "budget alerts", 5)).hits()).isEmpty();
        Upkeep latest = mound.latest();
        assertThat(latest.runs()).isEqualTo(4);
        assertThat(latest.failures()).isZero();
        assertThat(latest.lastRun()).isEqualTo(t0.plus(Duration.ofDays(800)));
        assertThat(latest.nextRun()).isEqualTo(t0.plus(Duration.ofDays(800)).plus(Duration.ofHours(1)));
        assertThat(latest.settings().retentionDays()).containsEntry(Tier.GLACIAL, 365).containsEntry(Tier.FAST, 7);
        assertThat(mound.health().components().get("upkeep").status()).isEqualTo(ComponentHealth.Status.HEALTHY);
    }

    @Test
    void aFailedAgePassIsReportedAndLeavesTheMoundDegradedUntilOneSucceeds() {
        Mound mound = mound();
        mound.add(node("acme", "Budget alerts at 80 percent of the monthly cost"));
        km.backend.close();

        Upkeep.Pass failed = mound.upkeep(Instant.now());
        assertThat(failed.error()).isNotBlank();
        assertThat(mound.latest().failures()).isEqualTo(1);
        assertThat(mound.health().components().get("upkeep").status()).isEqualTo(ComponentHealth.Status.DEGRADED);
    }

    @Test
    void aSearchAskedAgainIsAnsweredFromTheCacheUntilAWriteToItsWorkspace() {
        Mound mound = mound();
        mound.add(node("acme", "Retry with exponential backoff and jitter"));
        KnowledgeQuery q = KnowledgeQuery.of("acme", "default", "backoff retries", 10);

        assertThat(mound.search(q).hits()).hasSize(1);
        assertThat(mound.search(q).hits()).hasSize(1);
        assertThat(km.metrics.cacheHits.get()).isEqualTo(1);
        assertThat(km.metrics.cacheMisses.get()).isEqualTo(1);

        mound.add(new NewNode("acme", "elsewhere", NodeKind.CONSENSUS, "Cap retries with backoff at 30 s", 0.8, Map.of(),
                Provenance.ofDebate("consensus", "d2", null, Instant.parse("2026-01-01T00:00:00Z"))));
        assertThat(mound.search(q).hits()).as("another workspace's write leaves it").hasSize(1);
        assertThat(km.metrics.cacheHits.get()).isEqualTo(2);

        mound.add(node("acme", "Backoff without jitter synchronises the retries"));
        assertThat(mound.search(q).hits()).as("its workspace's write drops it").hasSize(2);
        assertThat(km.metrics.cacheMisses.get()).isEqualTo(2);
        assertThat(mound.health().components().get("cache").detail()).startsWith("1 of at most 1000 searches cached")
                .endsWith("local to this instance (no cluster bus)");
    }

    @Test
    void aWriteOnOneInstanceDropsTheSearchesItMadeStaleOnTheOthers() {
        Mound a = mound();
        Mound b = new Mound(km.store, km.metrics, AdapterSync.onCallerThread(km.store, km.metrics), config);
        try {
            MemoryBroker broker = new MemoryBroker();
            a.bindBus(broker.bus("A"));
            b.bindBus(broker.bus("B"));
            KnowledgeQuery q = KnowledgeQuery.of("acme", null, "backoff retries", 10);
            assertThat(b.search(q).hits()).isEmpty();

            a.add(node("acme", "Retry with exponential backoff and jitter"));

            assertThat(b.search(q).hits()).hasSize(1);
            assertThat(b.health().components().get("cache").detail()).endsWith("over the cluster bus");
        } finally {
            b.deactivate();
        }
    }

    @Test
    void aWriteWhoseAnnouncementFailsIsStillMadeAndDropsTheSearchesItMadeStaleHere() {
        Mound a = mound();
        a.bindBus(new ClusterBus() {
            @Override
            public String instanceId() {
                return "A";
            }

            @Override
            public void publish(String channel, String payload) {
                throw new IllegalStateException("broker refused");
            }

            @Override
            public AutoCloseable subscribe(String channel, ClusterListener listener) {
                return () -> { };
            }

            @Override
            public boolean connected() {
                return false;
            }
        });
        KnowledgeQuery q = KnowledgeQuery.of("acme", null, "backoff retries", 10);
        assertThat(a.search(q).hits()).isEmpty();

        a.add(node("acme", "Retry with exponential backoff and jitter"));

        assertThat(a.search(q).hits()).as("stored, and the cached empty answer dropped").hasSize(1);
    }

    @Test
    void aSearchOnOneInstanceIsFoundByTheOthersUntilAWriteOnAnyMakesItStale() {
        Mound a = mound();
        Mound b = new Mound(km.store, km.metrics, AdapterSync.onCallerThread(km.store, km.metrics), config);
        Mound c = new Mound(km.store, km.metrics, AdapterSync.onCallerThread(km.store, km.metrics), config);
        Mound d = new Mound(km.store, km.metrics, AdapterSync.onCallerThread(km.store, km.metrics), config);
        try {
            MemorySharedCache shared = new MemorySharedCache();
            List.of(a, b, c, d).forEach(m -> m.bindShared(shared));
            a.add(node("acme", "Retry with exponential backoff and jitter"));
            KnowledgeQuery q = KnowledgeQuery.of("acme", "default", "backoff retries", 10);
            KnowledgeQuery orgWide = KnowledgeQuery.of("acme", null, "backoff retries", 10);

            SearchResult onA = a.search(q);
            a.search(orgWide);
            assertThat(shared.hits).hasValue(0);
            SearchResult onB = b.search(q);
            assertThat(shared.hits).as("B found what A searched").hasValue(1);
            assertThat(onB).isEqualTo(onA);
            assertThat(b.health().components().get("cache").detail()).endsWith("shared with every instance on Redis (KNOWLEDGE_MOUND_REDIS_URL)");

            b.add(new NewNode("acme", "elsewhere", NodeKind.CONSENSUS, "Backoff caps at 30 s", 0.8, Map.of(),
                    Provenance.ofDebate("consensus", "d2", null, Instant.parse("2026-01-01T00:00:00Z"))));
            assertThat(c.search(q).hits()).as("another workspace's write leaves the workspace's search").hasSize(1);
            assertThat(shared.hits).hasValue(2);
            assertThat(c.search(orgWide).hits()).as("but not the org-wide one").hasSize(2);
            assertThat(shared.hits).hasValue(2);

            b.add(node("acme", "Backoff without jitter synchronises the retries"));
            assertThat(c.search(q).hits()).as("B's write to the workspace reached C, which had searched before").hasSize(2);
            assertThat(a.search(q).hits()).as("and A, which found it first").hasSize(2);
            assertThat(shared.hits).hasValue(3);
            assertThat(d.search(KnowledgeQuery.of("globex", "default", "backoff retries", 10)).hits()).isEmpty();
            assertThat(d.health().components().get("cache").detail())
                    .startsWith("not used (no cluster bus: it would not hear other instances' writes); searches shared");
        } finally {
            b.deactivate();
            c.deactivate();
            d.deactivate();
        }
    }

    @Test
    void anUnreachableSharedCacheLeavesSearchesToTheStoreAndIsReported() {
        Mound a = mound();
        MemorySharedCache shared = new MemorySharedCache();
        a.bindShared(shared);
        a.add(node("acme", "Retry with exponential backoff and jitter"));
        KnowledgeQuery q = KnowledgeQuery.of("acme", "default", "backoff retries", 10);
        shared.down = true;

        assertThat(a.search(q).hits()).hasSize(1);
        a.add(node("acme", "Backoff without jitter synchronises the retries"));
        assertThat(a.search(q).hits()).hasSize(2);
        MoundHealth.Component cache = a.health().components().get("cache");
        assertThat(cache.status()).isEqualTo(ComponentHealth.Status.DEGRADED);
        assertThat(cache.detail()).endsWith("does not answer: searches go to the store");
        assertThat(shared.stores).hasValue(0);

        a.unbindShared(shared);
        assertThat(a.health().components().get("cache").status()).isEqualTo(ComponentHealth.Status.HEALTHY);
    }
}
