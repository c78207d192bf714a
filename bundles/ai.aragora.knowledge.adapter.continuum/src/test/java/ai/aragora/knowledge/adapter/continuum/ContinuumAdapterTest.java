package ai.aragora.knowledge.adapter.continuum;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.knowledge.ContentHash;
import ai.aragora.api.knowledge.KnowledgeMound;
import ai.aragora.api.knowledge.KnowledgeNode;
import ai.aragora.api.knowledge.KnowledgeQuery;
import ai.aragora.api.knowledge.Learned;
import ai.aragora.api.knowledge.NewNode;
import ai.aragora.api.knowledge.NodeKind;
import ai.aragora.api.knowledge.Provenance;
import ai.aragora.api.knowledge.ScoredNode;
import ai.aragora.api.knowledge.SearchResult;
import ai.aragora.api.knowledge.Tier;
import ai.aragora.api.knowledge.Validation;
import ai.aragora.storage.jdbc.Fixtures;

class ContinuumAdapterTest {

    private static final Instant T = Fixtures.T0;

    private static KnowledgeNode memory(String id, String workspace, Tier tier, String content) {
        return new KnowledgeNode(id, "acme", workspace, NodeKind.CONSENSUS, content, ContentHash.of(content), 0.8, tier, Validation.UNVERIFIED,
                2, 3, Map.of("verdict", "approve"), List.of(Provenance.ofDebate("consensus", "d0", null, T)), T, T);
    }

    private static final List<KnowledgeNode> MEMORY = List.of(memory("kn-1", "payments", Tier.FAST, "Cap retries at 30 s"),
            memory("kn-2", "default", Tier.SLOW, "Backoff needs jitter"), memory("kn-3", "default", Tier.MEDIUM, "Retry budgets per client"));

    /** Knows {@link #MEMORY}: finds a node by id in acme, and answers every search with all of it, best score first. */
    private static final KnowledgeMound MOUND = (KnowledgeMound) Proxy.newProxyInstance(ContinuumAdapterTest.class.getClassLoader(),
            new Class<?>[] {KnowledgeMound.class}, (self, method, args) -> switch (method.getName()) {
                case "node" -> MEMORY.stream().filter(n -> n.orgId().equals(args[0]) && n.id().equals(args[1])).findFirst();
                case "search" -> new SearchResult(List.of(new ScoredNode(MEMORY.get(1), 0.9, 0.9, 0), new ScoredNode(MEMORY.get(2), 0.7, 0.7, 0),
                        new ScoredNode(MEMORY.get(0), 0.5, 0.5, 0)), false);
                default -> throw new UnsupportedOperationException(method.getName());
            });

    private final ContinuumAdapter adapter = new ContinuumAdapter(MOUND);

    private static DebateResult given(DebateResult b, List<String> prior) {
        return new DebateResult(b.id(), b.spec(), b.status(), b.finalAnswer(), b.consensus(), b.verdict(), b.roundsUsed(),
                b.durationSeconds(), b.participants(), b.winner(), b.dissentingViews(), b.messages(), b.critiques(), b.votes(),
                b.baseline(), b.convergence(), b.tricksterInterventions(), b.failures(), b.usage(), b.createdAt(), b.completedAt(),
                "rc-1", prior);
    }

    @Test
    void theMemoriesADecidedDebateDrewOnAreOfferedAgainAsTheyAreSoTheMoundStrengthensThem() {
        DebateResult decided = given(Fixtures.result("d1", "acme", T), List.of("kn-1", "kn-gone", "kn-2"));
        Learned learned = adapter.forward(decided, Optional.empty());

        assertThat(learned.nodes()).extracting(NewNode::contentHash).as("the same nodes: a deleted one passed over")
                .containsExactly(MEMORY.get(0).contentHash(), MEMORY.get(1).contentHash());
        assertThat(learned.nodes()).extracting(NewNode::workspaceId).containsExactly("payments", "default");
        assertThat(learned.nodes()).allSatisfy(n -> {
            assertThat(n.provenance()).isEqualTo(Provenance.ofDebate("continuum", "d1", "rc-1", decided.completedAt()));
            assertThat(n.kind()).isEqualTo(NodeKind.CONSENSUS);
            assertThat(n.metadata()).containsEntry("verdict", "approve");
        });
    }

    @Test
    void aDebateGivenNothingOrDecidingNothingTeachesNothing() {
        DebateResult base = Fixtures.result("d1", "acme", T);
        DebateResult undecided = new DebateResult(base.id(), base.spec(), base.status(), null, base.consensus(), null, 1, 1,
                base.participants(), null, List.of(), List.of(), List.of(), base.votes(), null, null, 0, List.of(), null, T, T, null,
                List.of("kn-1"));

        assertThat(adapter.forward(base, Optional.empty())).isEqualTo(Learned.NOTHING);
        assertThat(adapter.forward(undecided, Optional.empty())).isEqualTo(Learned.NOTHING);
        assertThat(adapter.forward(given(Fixtures.result("d2", "globex", T), List.of("kn-1")), Optional.empty()))
                .as("another org's memory is not found").isEqualTo(Learned.NOTHING);
    }

    @Test
    void theReverseQueryAnswersHottestTierFirstThenByRelevance() {
        SearchResult found = adapter.reverse(MOUND, "acme", "retries", 10);

        assertThat(found.hits()).extracting(h -> h.node().id()).containsExactly("kn-1", "kn-3", "kn-2");
        assertThat(adapter.kinds()).doesNotContain(NodeKind.COST, NodeKind.TREND);
    }

    @Test
    void itsReverseQuerySearchesEveryKindOfKnowledgeButBookkeeping() {
        KnowledgeQuery[] asked = new KnowledgeQuery[1];
        KnowledgeMound recording = (KnowledgeMound) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {KnowledgeMound.class},
                (self, method, args) -> {
                    asked[0] = (KnowledgeQuery) args[0];
                    return new SearchResult(List.of(), false);
                });

        adapter.reverse(recording, "acme", "retries", 5);

        assertThat(asked[0].kinds()).hasSize(NodeKind.values().length - 2);
        assertThat(asked[0].coldest()).isEqualTo(Tier.GLACIAL);
    }
}
