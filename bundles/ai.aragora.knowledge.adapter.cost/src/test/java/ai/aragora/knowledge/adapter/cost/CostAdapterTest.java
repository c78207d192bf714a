package ai.aragora.knowledge.adapter.cost;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.debate.UsageTotals;
import ai.aragora.api.knowledge.ContentHash;
import ai.aragora.api.knowledge.KnowledgeMound;
import ai.aragora.api.knowledge.KnowledgeNode;
import ai.aragora.api.knowledge.KnowledgeQuery;
import ai.aragora.api.knowledge.Learned;
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
import ai.aragora.api.knowledge.Tier;
import ai.aragora.api.knowledge.Validation;
import ai.aragora.api.storage.Page;
import ai.aragora.storage.jdbc.Fixtures;

class CostAdapterTest {

    private static final Instant T = Instant.parse("2026-03-10T12:00:00Z");

    /** What the adapter learned, stored as the mound would; only listing is asked of it. */
    static final class Learning implements KnowledgeMound {
        final List<KnowledgeNode> nodes = new ArrayList<>();

        void store(Learned learned) {
            for (NewNode n : learned.nodes()) {
                nodes.add(0, new KnowledgeNode("kn-" + nodes.size(), n.orgId(), n.workspaceId(), n.kind(), n.content(),
                        ContentHash.of(n.content()), n.confidence(), Tier.MEDIUM, Validation.UNVERIFIED, 1, 0, n.metadata(),
                        List.of(n.provenance()), n.provenance().at(), n.provenance().at()));
            }
        }

        @Override
        public Page<KnowledgeNode> nodes(String orgId, String workspaceId, NodeKind kind, int offset, int limit) {
            List<KnowledgeNode> of = nodes.stream().filter(n -> n.orgId().equals(orgId) && n.kind() == kind).toList();
            return new Page<>(of.subList(Math.min(offset, of.size()), Math.min(offset + limit, of.size())), of.size(), offset, limit);
        }

        @Override
        public Stored add(NewNode node) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<KnowledgeNode> node(String orgId, String id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean delete(String orgId, String id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Relationship relate(String orgId, String sourceId, String targetId, RelationType type, Provenance provenance) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Relationship> relationships(String orgId, String nodeId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SearchResult search(KnowledgeQuery query) {
            throw new UnsupportedOperationException();
        }

        @Override
        public PriorKnowledge recall(String orgId, String workspaceId, String task, int tokenBudget) {
            throw new UnsupportedOperationException();
        }

        @Override
        public MoundStats stats(String orgId, String workspaceId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public MoundHealth health() {
            throw new UnsupportedOperationException();
        }
    }

    private static DebateResult costing(String id, String org, double usd, Instant at) {
        DebateResult r = Fixtures.result(id, org, at);
        return new DebateResult(r.id(), r.spec(), r.status(), r.finalAnswer(), r.consensus(), r.verdict(), r.roundsUsed(), r.durationSeconds(),
                r.participants(), r.winner(), r.dissentingViews(), r.messages(), r.critiques(), r.votes(), r.baseline(), r.convergence(),
                r.tricksterInterventions(), r.failures(), new UsageTotals(1000, 500, usd), r.createdAt(), r.completedAt(), r.receiptId(),
                r.priorKnowledge());
    }

    @Test
    void eachDebatesCostIsANodeWithItsTokensMoneyAndWhatEachAgentsVotesAndCritiquesCost() {
        Learned learned = new CostAdapter(new Learning(), Map.of()).forward(costing("d1", "acme", 0.25, T), Optional.empty());

        assertThat(learned.nodes()).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(NodeKind.COST);
            assertThat(n.content()).startsWith("Cost of debate d1 on \"").contains("(general, 2 agents, 2 rounds): 1000 input and 500 output"
                    + " tokens, US$0.2500; votes and critiques by agent: demo-critical 400 tokens US$0.0024");
            assertThat(n.metadata()).containsEntry("month", "2026-03").containsEntry("cost_usd", "0.250000").containsEntry("input_tokens", "1000");
        });
    }

    @Test
    void theDebateThatTakesAnOrgPastItsMonthlyBudgetRaisesOneAlertAndOtherOrgsAndMonthsCountApart() {
        Learning mound = new Learning();
        CostAdapter adapter = new CostAdapter(mound, CostAdapter.budgets(new String[] {"acme=1", "globex=0.1", "bad", "x=-3"}));

        Learned first = adapter.forward(costing("d1", "acme", 0.6, T), Optional.empty());
        mound.store(first);
        mound.store(adapter.forward(costing("g1", "globex", 0.05, T), Optional.empty()));
        mound.store(adapter.forward(costing("f1", "acme", 0.6, Instant.parse("2026-02-27T00:00:00Z")), Optional.empty()));
        Learned crossing = adapter.forward(costing("d2", "acme", 0.5, T.plusSeconds(60)), Optional.empty());
        Learned replayed = adapter.forward(costing("d2", "acme", 0.5, T.plusSeconds(60)), Optional.empty());
        mound.store(crossing);
        Learned after = adapter.forward(costing("d3", "acme", 0.5, T.plusSeconds(120)), Optional.empty());

        assertThat(first.nodes()).hasSize(1);
        assertThat(crossing.nodes()).hasSize(2);
        assertThat(crossing.nodes().get(1).content()).isEqualTo("Budget alert: org acme has spent US$1.10 of its US$1.00 budget for 2026-03;"
                + " the debate on \"" + Fixtures.spec("acme").task() + "\" crossed it");
        assertThat(crossing.nodes().get(1).metadata()).containsEntry("alert", "budget").containsEntry("budget_usd", "1.00");
        assertThat(replayed).as("offered again before it was stored: the same").isEqualTo(crossing);
        assertThat(after.nodes()).as("already over: no second alert").hasSize(1);
        assertThat(CostAdapter.budgets(new String[] {"acme=1", "bad", "x=-3", "=4"})).containsOnlyKeys("acme");
    }

    @Test
    void aDebateThatCostNothingTeachesNothing() {
        assertThat(new CostAdapter(new Learning(), Map.of()).forward(costing("d1", "acme", 0, T), Optional.empty()).nodes()).hasSize(1);
        DebateResult free = Fixtures.result("d0", "acme", T);
        free = new DebateResult(free.id(), free.spec(), free.status(), free.finalAnswer(), free.consensus(), free.verdict(), 1, 1,
                free.participants(), free.winner(), List.of(), List.of(), List.of(), List.of(), null, null, 0, List.of(), UsageTotals.ZERO,
                T, T, null);
        assertThat(new CostAdapter(new Learning(), Map.of()).forward(free, Optional.empty())).isEqualTo(Learned.NOTHING);
    }
}
