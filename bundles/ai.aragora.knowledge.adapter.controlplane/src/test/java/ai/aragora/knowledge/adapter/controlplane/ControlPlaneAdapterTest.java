package ai.aragora.knowledge.adapter.controlplane;

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

class ControlPlaneAdapterTest {

    private static final Instant T = Fixtures.T0;

    @Test
    void aDecidedTaskIsAnOutcomeSharedToTheTargetWorkspacesAndEachAgentsCapability() {
        ControlPlaneAdapter adapter = new ControlPlaneAdapter(new String[] {"platform", "default", " "}, 0.6);

        Learned learned = adapter.forward(Fixtures.result("d1", "acme", T), Optional.empty());

        assertThat(learned.nodes()).extracting(NewNode::workspaceId).containsExactly("default", "platform", "default", "default");
        NewNode outcome = learned.nodes().get(0);
        assertThat(outcome.content()).isEqualTo("Task outcome (general): \"" + Fixtures.spec("acme").task() + "\" ended approved with"
                + " conditions with confidence 0.85 after 2 rounds; demo-supportive's proposal was decided, with demo-supportive, demo-critical");
        assertThat(learned.nodes().get(1).content()).isEqualTo(outcome.content());
        assertThat(learned.nodes().get(1).metadata()).containsEntry("shared_from", "default");
        assertThat(learned.nodes().subList(2, 4)).extracting(NewNode::content).containsExactly(
                "demo-supportive (demo-1) is recommended for general tasks", "demo-critical (demo-1) can take on general tasks");
        assertThat(adapter.outcomes.labels("approved_with_conditions").get()).isEqualTo(1);
        assertThat(adapter.shares.get()).isEqualTo(1);
    }

    @Test
    void anOutcomeBelowTheMinimumConfidenceStaysInItsWorkspace() {
        ControlPlaneAdapter adapter = new ControlPlaneAdapter(new String[] {"platform"}, 0.9);

        assertThat(adapter.forward(Fixtures.result("d1", "acme", T), Optional.empty()).nodes())
                .extracting(NewNode::workspaceId).doesNotContain("platform");
        assertThat(adapter.shares.get()).isZero();
    }

    private static ScoredNode hit(String content, String capability, int strength, String adapter, double score) {
        return new ScoredNode(new KnowledgeNode("kn-" + content.hashCode(), "acme", "default", NodeKind.RANKING, content,
                ContentHash.of(content), 0.8, Tier.MEDIUM, Validation.UNVERIFIED, strength, 0, Map.of("capability", capability),
                List.of(Provenance.ofDebate(adapter, "d1", null, T)), T, T), score, score, 0);
    }

    @Test
    void recommendationsPutRecommendedAgentsFirstThenTheBestBacked() {
        List<ScoredNode> hits = List.of(
                hit("a (m) can take on security tasks", "capable", 9, "control_plane", 0.9),
                hit("b (m) is recommended for security tasks", "recommended", 1, "control_plane", 0.5),
                hit("c (m) is recommended for security tasks", "recommended", 4, "control_plane", 0.4),
                hit("x is strong in security debates", "recommended", 9, "ranking", 1.0));
        KnowledgeQuery[] asked = new KnowledgeQuery[1];
        KnowledgeMound mound = (KnowledgeMound) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {KnowledgeMound.class},
                (proxy, method, args) -> {
                    asked[0] = (KnowledgeQuery) args[0];
                    return new SearchResult(hits, false);
                });

        SearchResult recommended = new ControlPlaneAdapter(new String[0], 0.6).reverse(mound, "acme", "security review", 3);

        assertThat(asked[0].kinds()).containsExactly(NodeKind.RANKING);
        assertThat(recommended.hits()).extracting(h -> h.node().content().charAt(0)).containsExactly('c', 'b', 'a');
    }
}
