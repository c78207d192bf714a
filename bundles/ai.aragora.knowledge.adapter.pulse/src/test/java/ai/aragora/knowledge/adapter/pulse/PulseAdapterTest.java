package ai.aragora.knowledge.adapter.pulse;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.debate.DebateSpec;
import ai.aragora.api.knowledge.KnowledgeMound;
import ai.aragora.api.knowledge.KnowledgeNode;
import ai.aragora.api.knowledge.KnowledgeQuery;
import ai.aragora.api.knowledge.Learned;
import ai.aragora.api.knowledge.NewNode;
import ai.aragora.api.knowledge.NodeKind;
import ai.aragora.api.knowledge.ScoredNode;
import ai.aragora.api.knowledge.SearchResult;
import ai.aragora.api.knowledge.Tier;
import ai.aragora.api.knowledge.Validation;
import ai.aragora.storage.jdbc.Fixtures;

class PulseAdapterTest {

    /** Sunday 6 December 2026: ISO week 49. */
    private static final Instant T = Instant.parse("2026-12-06T09:00:00Z");
    private final PulseAdapter adapter = new PulseAdapter(Clock.fixed(T, ZoneOffset.UTC));

    private static DebateResult debate(String id, Map<String, String> metadata, Instant at) {
        DebateResult b = Fixtures.result(id, "acme", at);
        DebateSpec spec = DebateSpec.builder(b.spec().task()).orgId("acme").metadata(metadata).build();
        return new DebateResult(b.id(), spec, b.status(), b.finalAnswer(), b.consensus(), b.verdict(), b.roundsUsed(),
                b.durationSeconds(), b.participants(), b.winner(), b.dissentingViews(), b.messages(), b.critiques(), b.votes(),
                b.baseline(), b.convergence(), b.tricksterInterventions(), b.failures(), b.usage(), at, at, null, List.of());
    }

    /** The mound's deduplication by content: what the adapter learned, one node per sentence, strength counting. */
    private static final class Mound {
        final Map<String, KnowledgeNode> nodes = new LinkedHashMap<>();
        final List<KnowledgeQuery> asked = new ArrayList<>();

        void store(Learned learned) {
            for (NewNode n : learned.nodes()) {
                KnowledgeNode had = nodes.get(n.contentHash());
                nodes.put(n.contentHash(), new KnowledgeNode("kn-" + n.contentHash().substring(0, 6), n.orgId(), n.workspaceId(), n.kind(),
                        n.content(), n.contentHash(), n.confidence(), Tier.MEDIUM, Validation.UNVERIFIED, had == null ? 1 : had.strength() + 1,
                        0, n.metadata(), List.of(n.provenance()), n.provenance().at(), n.provenance().at()));
            }
        }

        /** Any word of the question in the content, as full-text search finds. */
        KnowledgeMound service() {
            return (KnowledgeMound) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {KnowledgeMound.class},
                    (self, method, args) -> {
                        if (!method.getName().equals("search")) {
                            throw new UnsupportedOperationException(method.getName());
                        }
                        KnowledgeQuery q = (KnowledgeQuery) args[0];
                        asked.add(q);
                        List<String> words = List.of(q.text().toLowerCase().split("\\s+"));
                        return new SearchResult(nodes.values().stream().filter(n -> q.kinds().contains(n.kind()))
                                .filter(n -> words.stream().anyMatch(w -> List.of(n.content().toLowerCase().split("[^a-z0-9]+")).contains(w)))
                                .limit(q.limit()).map(n -> new ScoredNode(n, 1, 1, 0)).toList(), false);
                    });
        }
    }

    @Test
    void eachDebateCountsForItsTopicsDayAndWeekAndIsListedUnderThem() {
        Learned learned = adapter.forward(debate("d1", Map.of("topics", "Payments, Retries "), T), Optional.empty());

        assertThat(learned.nodes()).extracting(NewNode::content).containsExactly(
                "Day 20261206: topic payments debated", "Week 2026W49: topic payments debated",
                "Debated on topic payments (2026-12-06): " + Fixtures.spec("acme").task() + " (approved with conditions)",
                "Day 20261206: topic retries debated", "Week 2026W49: topic retries debated",
                "Debated on topic retries (2026-12-06): " + Fixtures.spec("acme").task() + " (approved with conditions)");
        assertThat(learned.nodes()).allSatisfy(n -> assertThat(n.kind()).isEqualTo(NodeKind.TREND))
                .allSatisfy(n -> assertThat(n.provenance().adapter()).isEqualTo("pulse"));
        assertThat(adapter.forward(debate("d2", Map.of("domain", "Security"), T), Optional.empty()).nodes())
                .as("without topics, the domain").first().extracting(NewNode::content).isEqualTo("Day 20261206: topic security debated");
        assertThat(adapter.forward(debate("d3", Map.of(), T), Optional.empty())).as("no topic, no domain").isEqualTo(Learned.NOTHING);
    }

    @Test
    void theWeeksTrendingTopicsAreItsMostDebatedFirstAndOtherWeeksAreLeftOut() {
        Mound mound = new Mound();
        mound.store(adapter.forward(debate("d1", Map.of("topics", "payments"), T), Optional.empty()));
        mound.store(adapter.forward(debate("d2", Map.of("topics", "retries,payments"), T.minusSeconds(86_400)), Optional.empty()));
        mound.store(adapter.forward(debate("d3", Map.of("topics", "payments"), T.minusSeconds(3 * 86_400)), Optional.empty()));
        mound.store(adapter.forward(debate("d4", Map.of("topics", "hiring"), T.minusSeconds(14 * 86_400)), Optional.empty()));

        SearchResult week = adapter.reverse(mound.service(), "acme", "week", 10);
        SearchResult today = adapter.reverse(mound.service(), "acme", "day", 10);
        SearchResult earlier = adapter.reverse(mound.service(), "acme", "week 2026w47", 10);

        assertThat(week.hits()).extracting(h -> h.node().metadata().get("topic") + "=" + h.node().strength())
                .containsExactly("payments=3", "retries=1");
        assertThat(today.hits()).extracting(h -> h.node().metadata().get("topic")).containsExactly("payments");
        assertThat(earlier.hits()).extracting(h -> h.node().metadata().get("topic")).containsExactly("hiring");
        assertThat(mound.asked).allSatisfy(q -> assertThat(q.kinds()).containsExactly(NodeKind.TREND));
    }

    @Test
    void anyOtherQuestionFindsTheDebatesHeldOnATopic() {
        Mound mound = new Mound();
        mound.store(adapter.forward(debate("d1", Map.of("topics", "payments"), T), Optional.empty()));

        SearchResult found = adapter.reverse(mound.service(), "acme", "payments", 10);

        assertThat(found.hits()).singleElement().satisfies(h -> assertThat(h.node().content()).startsWith("Debated on topic payments"));
    }
}
