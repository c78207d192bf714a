package ai.aragora.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.aragora.api.debate.DebateSpec;
import ai.aragora.api.knowledge.DebateSchedule;
import ai.aragora.api.knowledge.DebateSchedules;
import ai.aragora.api.knowledge.KnowledgeNode;
import ai.aragora.api.knowledge.KnowledgeQuery;
import ai.aragora.api.knowledge.KnowledgeStore;
import ai.aragora.api.knowledge.Learned;
import ai.aragora.api.knowledge.NewNode;
import ai.aragora.api.knowledge.NodeKind;
import ai.aragora.api.knowledge.Provenance;
import ai.aragora.api.knowledge.RelationType;
import ai.aragora.api.knowledge.Relationship;
import ai.aragora.api.knowledge.ScoredNode;
import ai.aragora.api.knowledge.Stored;
import ai.aragora.api.knowledge.Tier;
import ai.aragora.storage.jdbc.store.JdbcDebateSchedules;
import ai.aragora.storage.jdbc.store.JdbcKnowledgeStore;

/** The knowledge store's contract, run unchanged against every backend on a fresh database. */
public abstract class KnowledgeStoreContract {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    protected Path temp;

    protected StorageBackend backend;
    protected KnowledgeStore store;

    protected abstract StorageBackend open() throws Exception;

    protected abstract void close(StorageBackend backend) throws Exception;

    /** What the backend does after a bulk write by itself (autovacuum's ANALYZE on PostgreSQL). */
    protected void analyze() throws Exception {
    }

    @BeforeEach
    void openStorage() throws Exception {
        backend = open();
        store = JdbcKnowledgeStore.on(backend.database(Store.KNOWLEDGE_MOUND));
    }

    @AfterEach
    void closeStorage() throws Exception {
        close(backend);
    }

    static NewNode node(String org, String content, String debate) {
        return new NewNode(org, "default", NodeKind.CONSENSUS, content, 0.7, Map.of("domain", "ops"),
                Provenance.ofDebate("consensus", debate, "rcpt-" + debate, T0));
    }

    @Test
    void theSameContentInAWorkspaceIsOneNodeThatGrowsStrongerAndRemembersEverySource() {
        Stored first = store.upsert(node("acme", "Use blue-green deployments for the API", "d1"));
        Stored again = store.upsert(new NewNode("acme", "default", NodeKind.CONSENSUS, "  use blue-green   deployments for the API ",
                0.9, Map.of(), Provenance.ofDebate("consensus", "d2", null, T0.plusSeconds(5))));

        assertThat(first.duplicate()).isFalse();
        assertThat(again.duplicate()).isTrue();
        assertThat(again.node().id()).isEqualTo(first.node().id());
        KnowledgeNode stored = store.find("acme", first.node().id()).orElseThrow();
        assertThat(stored.strength()).isEqualTo(2);
        assertThat(stored.confidence()).isEqualTo(0.9);
        assertThat(stored.provenance()).extracting(Provenance::debateId).containsExactly("d1", "d2");
        assertThat(stored.metadata()).containsEntry("domain", "ops");
        assertThat(store.list("acme", null, null, 0, 10).total()).isEqualTo(1);
    }

    @Test
    void aNodeStrengthenedOftenKeepsItsLatestSourcesInOrderAndItsStrongestConfidence() {
        String id = store.upsert(node("acme", "Cap retries at 30 s", "d0")).node().id();
        for (int i = 1; i <= 77; i++) {
            Stored s = store.upsert(new NewNode("acme", "default", NodeKind.CONSENSUS, "Cap retries at 30 s", i == 40 ? 0.95 : 0.5, Map.of(),
                    Provenance.ofDebate("consensus", "d" + i, null, T0.plusSeconds(i))));
            assertThat(s.node().provenance()).as("after %d", i).hasSize(Math.min(i + 1, KnowledgeNode.MAX_PROVENANCE))
                    .last().extracting(Provenance::debateId).isEqualTo("d" + i);
        }

        KnowledgeNode stored = store.find("acme", id).orElseThrow();
        assertThat(stored.strength()).isEqualTo(78);
        assertThat(stored.confidence()).isEqualTo(0.95);
        assertThat(stored.provenance()).extracting(Provenance::debateId).hasSize(KnowledgeNode.MAX_PROVENANCE).startsWith("d28").endsWith("d77");
        assertThat(store.lexical(KnowledgeQuery.of("acme", null, "retries", 10)).get(0).node().provenance())
                .isEqualTo(stored.provenance());
    }

    @Test
    void otherWorkspacesAndOrgsKeepTheirOwnCopy() {
        store.upsert(node("acme", "Cache the rates for an hour", "d1"));
        store.upsert(new NewNode("acme", "ops", NodeKind.CONSENSUS, "Cache the rates for an hour", 0.5, Map.of(),
                Provenance.ofDebate("consensus", "d2", null, T0)));
        Stored other = store.upsert(node("globex", "Cache the rates for an hour", "d3"));

        assertThat(other.duplicate()).isFalse();
        assertThat(store.list("acme", null, null, 0, 10).total()).isEqualTo(2);
        assertThat(store.list("acme", "ops", null, 0, 10).total()).isEqualTo(1);
        assertThat(store.list("globex", null, null, 0, 10).items()).extracting(KnowledgeNode::id).containsExactly(other.node().id());
    }

    @Test
    void anOrgNeverSeesFindsRelatesOrDeletesAnotherOrgsNode() {
        String theirs = store.upsert(node("globex", "Rotate the signing keys every 90 days", "d1")).node().id();
        String ours = store.upsert(node("acme", "Keys rotate quarterly", "d2")).node().id();

        assertThat(store.find("acme", theirs)).isEmpty();
        assertThat(store.find("acme", List.of(theirs, ours))).extracting(KnowledgeNode::id).containsExactly(ours);
        assertThat(store.lexical(KnowledgeQuery.of("acme", null, "rotate signing keys", 10)))
                .extracting(h -> h.node().id()).containsExactly(ours);
        assertThatThrownBy(() -> store.relate("acme", ours, theirs, RelationType.SUPPORTS, Provenance.ofDebate(null, null, null, T0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(theirs);
        assertThat(store.delete("acme", theirs)).isFalse();
        assertThat(store.find("globex", theirs)).isPresent();
    }

    @Test
    void relationshipsJoinNodesOfOneOrgOnceAndGoWithTheirNode() {
        String a = store.upsert(node("acme", "Postgres for production", "d1")).node().id();
        String b = store.upsert(node("acme", "SQLite by default", "d2")).node().id();
        Provenance p = new Provenance("d3", null, "critic", 2, null, T0);

        Relationship r = store.relate("acme", a, b, RelationType.REFINES, p);
        Relationship again = store.relate("acme", a, b, RelationType.REFINES, p);

        assertThat(again.id()).isEqualTo(r.id());
        assertThat(store.relationships("acme", b)).singleElement().satisfies(x -> {
            assertThat(x.type()).isEqualTo(RelationType.REFINES);
            assertThat(x.provenance()).isEqualTo(p);
        });
        assertThatThrownBy(() -> store.relate("acme", a, "kn-missing", RelationType.CITES, p))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kn-missing");
        assertThat(store.delete("acme", a)).isTrue();
        assertThat(store.relationships("acme", b)).isEmpty();
    }

    @Test
    void lexicalSearchMatchesWordFormsRanksTheBestFirstAndFilters() {
        store.upsert(node("acme", "Deploying on Fridays caused three outages; deploy early in the week", "d1"));
        store.upsert(node("acme", "The database migration needs a rollback plan", "d2"));
        store.upsert(new NewNode("acme", "default", NodeKind.CRUX, "Friday deploys split the team", 0.2, Map.of(),
                Provenance.ofDebate("belief", "d3", null, T0)));

        List<ScoredNode> hits = store.lexical(KnowledgeQuery.of("acme", null, "Should we deploy on Friday?", 10));
        assertThat(hits).extracting(h -> h.node().kind()).containsExactlyInAnyOrder(NodeKind.CONSENSUS, NodeKind.CRUX);
        assertThat(hits.get(0).lexical()).isEqualTo(1.0);
        assertThat(hits.get(1).lexical()).isBetween(0.0, 1.0);

        assertThat(store.lexical(new KnowledgeQuery("acme", null, "friday deploy", 10, 0.5, Set.of(), Tier.GLACIAL)))
                .extracting(h -> h.node().kind()).containsExactly(NodeKind.CONSENSUS);
        assertThat(store.lexical(new KnowledgeQuery("acme", null, "friday deploy", 10, 0, Set.of(NodeKind.CRUX), Tier.GLACIAL)))
                .extracting(h -> h.node().kind()).containsExactly(NodeKind.CRUX);
        assertThat(store.lexical(KnowledgeQuery.of("acme", null, "\"* OR NEAR( ) -- '; DROP TABLE km_nodes", 10))).isEmpty();
        assertThat(store.lexical(KnowledgeQuery.of("acme", null, "the of and", 10))).isEmpty();
    }

    @Test
    void useWarmsANodeAndAgeCoolsIt() {
        String id = store.upsert(node("acme", "Retry with jitter", "d1")).node().id();

        store.used("acme", List.of(id), T0.plusSeconds(60)).toCompletableFuture().join();
        assertThat(store.find("acme", id).orElseThrow()).satisfies(n -> {
            assertThat(n.tier()).isEqualTo(Tier.FAST);
            assertThat(n.uses()).isEqualTo(1);
        });
        assertThat(store.lexical(new KnowledgeQuery("acme", null, "jitter", 5, 0, Set.of(), Tier.FAST))).hasSize(1);

        assertThat(store.demote(Tier.FAST, T0.plusSeconds(30))).isZero();
        assertThat(store.demote(Tier.FAST, T0.plusSeconds(120))).isEqualTo(1);
        assertThat(store.demote(Tier.MEDIUM, T0.plusSeconds(120))).isEqualTo(1);
        assertThat(store.find("acme", id).orElseThrow().tier()).isEqualTo(Tier.SLOW);
        assertThat(store.lexical(new KnowledgeQuery("acme", null, "jitter", 5, 0, Set.of(), Tier.MEDIUM))).isEmpty();
        assertThat(store.stats("acme", null).byTier()).containsEntry(Tier.SLOW, 1L);
    }

    @Test
    void confidenceHalvesEveryHalfLifeAfterTheGraceOnceForEachStretchOfTimeAndNeverBelowTheFloor() {
        String old = store.upsert(node("acme", "Retry with jitter", "d1")).node().id();
        String low = store.upsert(new NewNode("acme", "default", NodeKind.CLAIM, "Caches never go stale", 0.12, Map.of(),
                Provenance.ofDebate("belief", "d1", null, T0))).node().id();
        String fresh = store.upsert(new NewNode("acme", "default", NodeKind.CLAIM, "Pin the base image", 0.7, Map.of(),
                Provenance.ofDebate("belief", "d2", null, T0.plus(Duration.ofDays(35))))).node().id();
        Duration grace = Duration.ofDays(7);
        Duration halfLife = Duration.ofDays(30);

        assertThat(store.decay(T0.plus(Duration.ofDays(6)), grace, halfLife, 0.1)).isZero();
        // old: 30 days past its grace, one half-life; low reaches the floor; fresh is within its grace
        assertThat(store.decay(T0.plus(Duration.ofDays(37)), grace, halfLife, 0.1)).isEqualTo(2);
        assertThat(confidence(old)).isCloseTo(0.35, within(1e-9));
        assertThat(confidence(low)).isEqualTo(0.1);
        assertThat(confidence(fresh)).isEqualTo(0.7);

        // the same instant again, and an earlier one (another instance's clock), change nothing
        assertThat(store.decay(T0.plus(Duration.ofDays(37)), grace, halfLife, 0.1)).isZero();
        assertThat(store.decay(T0.plus(Duration.ofDays(36)), grace, halfLife, 0.1)).isZero();
        // two passes 30 days apart charge 30 days, not 60: old is halved once more
        assertThat(store.decay(T0.plus(Duration.ofDays(67)), grace, halfLife, 0.1)).isEqualTo(2);
        assertThat(confidence(old)).isCloseTo(0.175, within(1e-9));
        assertThat(confidence(fresh)).isCloseTo(0.7 * Math.pow(0.5, 25.0 / 30), within(1e-9));
        assertThat(confidence(low)).isEqualTo(0.1);

        // offered again: the node is strengthened, keeps the higher confidence, and its grace starts anew
        store.upsert(new NewNode("acme", "default", NodeKind.CONSENSUS, "Retry with jitter", 0.7, Map.of(),
                Provenance.ofDebate("consensus", "d3", null, T0.plus(Duration.ofDays(70)))));
        assertThat(store.decay(T0.plus(Duration.ofDays(76)), grace, halfLife, 0.1)).isEqualTo(1);
        assertThat(confidence(old)).isEqualTo(0.7);
        assertThatThrownBy(() -> store.decay(T0, grace, Duration.ZERO, 0.1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("half-life");
    }

    private double confidence(String id) {
        return store.find("acme", id).orElseThrow().confidence();
    }

    @Test
    void glacialNodesPastTheirRetentionGoWithTheirRelationshipsAndVectors() {
        String cold = store.upsert(node("acme", "Retry with jitter", "d1")).node().id();
        String used = store.upsert(node("acme", "Back off exponentially", "d1")).node().id();
        String other = store.upsert(node("globex", "Retry with jitter", "d1")).node().id();
        store.relate("acme", cold, used, RelationType.SUPPORTS, Provenance.ofDebate(null, "d1", null, T0));
        store.putVectors("m", Map.of(cold, new float[] {1, 0}, used, new float[] {0, 1}));
        for (Tier tier : List.of(Tier.MEDIUM, Tier.SLOW)) {
            store.demote(tier, T0.plusSeconds(1));
        }
        assertThat(store.stats("acme", null).byTier()).containsEntry(Tier.GLACIAL, 2L);
        store.used("acme", List.of(used), T0.plusSeconds(100)).toCompletableFuture().join();
        store.demote(Tier.SLOW, T0.plusSeconds(101));
        assertThat(store.find("acme", used).orElseThrow().tier()).isEqualTo(Tier.GLACIAL);

        assertThat(store.expire(T0)).isEmpty();
        assertThat(store.expire(T0.plusSeconds(50))).containsExactlyInAnyOrder(cold, other);
        assertThat(store.find("acme", cold)).isEmpty();
        assertThat(store.find("globex", other)).isEmpty();
        assertThat(store.relationships("acme", used)).isEmpty();
        assertThat(store.vectors("m", null, 10)).extracting(KnowledgeStore.NodeVector::nodeId).containsExactly(used);
        assertThat(store.find("acme", used)).isPresent();
        assertThat(store.expire(T0.plusSeconds(50))).isEmpty();
    }

    private static DebateSchedule schedule(String id, String org, Instant next) {
        DebateSpec spec = DebateSpec.builder("Should we adopt " + id + "?").orgId(org).build();
        return new DebateSchedule(id, "platform", spec, Duration.ofHours(6), true, next, null, null, null, 0, "u1", T0);
    }

    @Test
    void aDueScheduleIsClaimedOnceMovesAnIntervalOnAndRecordsItsRuns() {
        DebateSchedules schedules = JdbcDebateSchedules.on(backend.database(Store.KNOWLEDGE_MOUND));
        schedules.create(schedule("ps-1", "acme", T0));
        schedules.create(schedule("ps-2", "acme", T0.plusSeconds(60)));
        schedules.create(schedule("ps-3", "globex", T0.plusSeconds(30)));
        assertThatThrownBy(() -> schedules.create(schedule("ps-1", "acme", T0))).isInstanceOf(StorageException.class);
        assertThat(schedules.list("acme")).extracting(DebateSchedule::id).containsExactly("ps-1", "ps-2");
        assertThat(schedules.find("globex", "ps-1")).isEmpty();
        assertThat(schedules.find("acme", "ps-1").orElseThrow().spec().task()).isEqualTo("Should we adopt ps-1?");

        Instant now = T0.plusSeconds(45);
        assertThat(schedules.claimDue(now, 10)).extracting(DebateSchedule::id).containsExactly("ps-1", "ps-3");
        assertThat(schedules.claimDue(now, 10)).isEmpty();
        assertThat(schedules.find("acme", "ps-1").orElseThrow().nextRun()).isEqualTo(now.plus(Duration.ofHours(6)));

        schedules.ran("ps-1", now, "deb-1", null, null);
        schedules.ran("ps-3", now, null, "the server is at capacity", now.plusSeconds(60));
        DebateSchedule ran = schedules.find("acme", "ps-1").orElseThrow();
        assertThat(ran.runs()).isEqualTo(1);
        assertThat(ran.lastDebateId()).isEqualTo("deb-1");
        assertThat(ran.lastRun()).isEqualTo(now);
        assertThat(ran.lastError()).isNull();
        DebateSchedule refused = schedules.find("globex", "ps-3").orElseThrow();
        assertThat(refused.runs()).isZero();
        assertThat(refused.lastError()).isEqualTo("the server is at capacity");
        assertThat(refused.nextRun()).isEqualTo(now.plusSeconds(60));

        assertThat(schedules.update("acme", "ps-2", false, null)).isTrue();
        assertThat(schedules.claimDue(T0.plus(Duration.ofDays(1)), 10)).extracting(DebateSchedule::id).containsExactly("ps-3", "ps-1");
        assertThat(schedules.update("globex", "ps-2", true, null)).isFalse();
        assertThat(schedules.update("acme", "ps-2", true, T0)).isTrue();
        assertThat(schedules.claimDue(T0.plus(Duration.ofDays(1)), 1)).extracting(DebateSchedule::id).containsExactly("ps-2");
        assertThat(schedules.delete("globex", "ps-2")).isFalse();
        assertThat(schedules.delete("acme", "ps-2")).isTrue();
        assertThat(schedules.list("acme")).extracting(DebateSchedule::id).containsExactly("ps-1");
    }

    @Test
    void eachFinishedDebateIsLearnedOncePerAdapterAndTheCursorSurvivesTheAdapter() {
        store.enqueue("d1", T0);
        store.enqueue("d2", T0);
        store.enqueue("d1", T0);
        List<KnowledgeStore.Queued> queued = store.queued(0, 10);
        assertThat(queued).extracting(KnowledgeStore.Queued::debateId).containsExactly("d1", "d2");

        Learned learned = new Learned(List.of(node("acme", "Ship it", "d1"), node("acme", "Ship it behind a flag", "d1")),
                List.of(new Learned.Link(1, 0, RelationType.REFINES)));
        assertThat(store.learn("consensus", queued.get(0).seq(), learned)).isTrue();
        assertThat(store.learn("consensus", queued.get(0).seq(), learned)).isFalse();

        assertThat(store.cursor("consensus")).isEqualTo(queued.get(0).seq());
        assertThat(store.cursor("elo")).isZero();
        assertThat(store.cursors()).containsOnlyKeys("consensus");
        assertThat(store.list("acme", null, null, 0, 10).items()).allSatisfy(n -> assertThat(n.strength()).isEqualTo(1));
        assertThat(store.stats("acme", null).relationships()).isEqualTo(1);
        assertThat(store.queued(store.cursor("consensus"), 10)).extracting(KnowledgeStore.Queued::debateId).containsExactly("d2");

        // queued together, as the adapters of one debate are: each applied once, then committed
        long d2 = queued.get(1).seq();
        Learned elo = new Learned(List.of(node("acme", "Claude leads on ops", "d2")), List.of());
        var first = store.learnQueued("elo", d2, elo).toCompletableFuture();
        var again = store.learnQueued("elo", d2, elo).toCompletableFuture();
        var consensus = store.learnQueued("consensus", d2, Learned.NOTHING).toCompletableFuture();
        assertThat(first.join()).isTrue();
        assertThat(again.join()).isFalse();
        assertThat(consensus.join()).isTrue();
        assertThat(store.cursors()).containsEntry("elo", d2).containsEntry("consensus", d2);
        assertThat(store.stats("acme", null).nodes()).isEqualTo(3);
    }

    @Test
    void vectorsLiveBesideTheirNodesPerModel() {
        String a = store.upsert(node("acme", "alpha", "d1")).node().id();
        String b = store.upsert(node("acme", "beta", "d2")).node().id();
        store.putVectors("m1", Map.of(a, new float[] {0.25f, -1f, 3f}));

        assertThat(store.vectors("m1", null, 10)).singleElement().satisfies(v -> {
            assertThat(v.nodeId()).isEqualTo(a);
            assertThat(v.orgId()).isEqualTo("acme");
            assertThat(v.vector()).containsExactly(0.25f, -1f, 3f);
        });
        assertThat(store.unembedded("m1", null, 10)).extracting(KnowledgeNode::id).containsExactly(b);
        assertThat(store.unembedded("m2", null, 10)).hasSize(2);
        assertThat(store.stats("acme", null).embedded()).isEqualTo(1);
        store.delete("acme", a);
        assertThat(store.vectors("m1", null, 10)).isEmpty();
    }

    @Test
    void anImportKeepsIdsAndIsAllOrNothing() {
        KnowledgeNode n1 = new KnowledgeNode("kn-1", "acme", "default", NodeKind.FACT, "Exported fact", "h1", 0.8, Tier.SLOW,
                ai.aragora.api.knowledge.Validation.VERIFIED, 3, 2, Map.of(), List.of(Provenance.ofDebate(null, "d1", null, T0)), T0, T0);
        KnowledgeNode n2 = new KnowledgeNode("kn-2", "acme", "default", NodeKind.FACT, "Another fact", "h2", 0.6, Tier.MEDIUM,
                ai.aragora.api.knowledge.Validation.UNVERIFIED, 1, 0, Map.of(), List.of(), T0, T0);
        Relationship bad = new Relationship("kr-1", "acme", "kn-1", "kn-elsewhere", RelationType.CITES, Provenance.ofDebate(null, null, null, T0));

        assertThatThrownBy(() -> store.importAll(List.of(n1, n2), List.of(bad))).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.list("acme", null, null, 0, 10).total()).isZero();

        Relationship good = new Relationship("kr-1", "acme", "kn-1", "kn-2", RelationType.CITES, Provenance.ofDebate(null, null, null, T0));
        assertThat(store.importAll(List.of(n1, n2), List.of(good))).isEqualTo(2);
        assertThat(store.find("acme", "kn-1")).contains(n1);
        assertThat(store.relationships("acme", "kn-2")).containsExactly(good);
        assertThat(store.importAll(List.of(n1, n2), List.of(good))).isZero();
    }

    @Test
    void exportPagesWalkOneOrgInIdOrder() {
        KnowledgeNode n1 = new KnowledgeNode("kn-a", "acme", "default", NodeKind.FACT, "First", "h1", 0.8, Tier.SLOW,
                ai.aragora.api.knowledge.Validation.VERIFIED, 1, 0, Map.of(), List.of(), T0, T0);
        KnowledgeNode n2 = new KnowledgeNode("kn-b", "acme", "ops", NodeKind.FACT, "Second", "h2", 0.6, Tier.MEDIUM,
                ai.aragora.api.knowledge.Validation.UNVERIFIED, 1, 0, Map.of(), List.of(), T0, T0);
        KnowledgeNode n3 = new KnowledgeNode("kn-c", "acme", "default", NodeKind.FACT, "Third", "h3", 0.6, Tier.MEDIUM,
                ai.aragora.api.knowledge.Validation.UNVERIFIED, 1, 0, Map.of(), List.of(), T0, T0);
        KnowledgeNode other = new KnowledgeNode("kn-0", "globex", "default", NodeKind.FACT, "Theirs", "h0", 0.6, Tier.MEDIUM,
                ai.aragora.api.knowledge.Validation.UNVERIFIED, 1, 0, Map.of(), List.of(), T0, T0);
        Relationship r1 = new Relationship("kr-1", "acme", "kn-a", "kn-b", RelationType.SUPPORTS, Provenance.ofDebate(null, null, null, T0));
        Relationship r2 = new Relationship("kr-2", "acme", "kn-c", "kn-a", RelationType.CITES, Provenance.ofDebate(null, null, null, T0));
        store.importAll(List.of(n1, n2, n3, other), List.of(r2, r1));

        assertThat(store.nodesAfter("acme", null, null, 2)).containsExactly(n1, n2);
        assertThat(store.nodesAfter("acme", null, "kn-b", 2)).containsExactly(n3);
        assertThat(store.nodesAfter("acme", "default", null, 10)).containsExactly(n1, n3);
        assertThat(store.nodesAfter("globex", null, null, 10)).containsExactly(other);
        assertThat(store.relationshipsAfter("acme", null, 1)).containsExactly(r1);
        assertThat(store.relationshipsAfter("acme", "kr-1", 10)).containsExactly(r2);
        assertThat(store.relationshipsAfter("globex", null, 10)).isEmpty();
    }

    /** Ranking the matches of a word most nodes have costs the most and tells the least. */
    @Test
    void aWordInMoreThanTwoThousandNodesDoesNotRankAQuestionThatHasARarerOne() throws Exception {
        List<NewNode> common = new ArrayList<>();
        for (int i = 0; i < 2_100; i++) {
            common.add(node("acme", "Retries logged in run " + i, "d" + i));
        }
        store.upsertAll(common);
        store.upsertAll(List.of(node("acme", "Exponential backoff with jitter ends retry storms", "b1"),
                node("acme", "A backoff capped at 30 s", "b2")));
        analyze();

        assertThat(store.lexical(KnowledgeQuery.of("acme", null, "retries backoff", 40))).extracting(h -> h.node().content())
                .containsExactlyInAnyOrder("Exponential backoff with jitter ends retry storms", "A backoff capped at 30 s");
        assertThat(store.lexical(KnowledgeQuery.of("acme", null, "retries", 40))).as("alone it still ranks").hasSize(40);
    }
}
