package ai.aragora.rest.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.SecurityContext;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.aragora.api.auth.AccessControl;
import ai.aragora.api.auth.AuthPrincipal;
import ai.aragora.api.auth.PermissionDeniedException;
import ai.aragora.api.health.ComponentHealth;
import ai.aragora.api.knowledge.ContentHash;
import ai.aragora.api.knowledge.KnowledgeMound;
import ai.aragora.api.knowledge.KnowledgeNode;
import ai.aragora.api.knowledge.KnowledgeQuery;
import ai.aragora.api.knowledge.MoundHealth;
import ai.aragora.api.knowledge.MoundStats;
import ai.aragora.api.knowledge.NewNode;
import ai.aragora.api.knowledge.NodeKind;
import ai.aragora.api.knowledge.PriorKnowledge;
import ai.aragora.api.knowledge.Provenance;
import ai.aragora.api.knowledge.RelationType;
import ai.aragora.api.knowledge.Relationship;
import ai.aragora.api.knowledge.ScoredNode;
import ai.aragora.api.knowledge.SearchResult;
import ai.aragora.api.knowledge.Stored;
import ai.aragora.api.knowledge.Tier;
import ai.aragora.api.knowledge.Validation;
import ai.aragora.api.storage.Page;

class KnowledgeResourceTest {

    /** Nodes in a list, found by substring: enough to see what the resource asks and answers. */
    static final class ListMound implements KnowledgeMound {
        final List<KnowledgeNode> nodes = new ArrayList<>();

        @Override
        public Stored add(NewNode n) {
            KnowledgeNode node = new KnowledgeNode("kn-" + (nodes.size() + 1), n.orgId(), n.workspaceId(), n.kind(), n.content(),
                    ContentHash.of(n.content()), n.confidence(), Tier.MEDIUM, Validation.UNVERIFIED, 1, 0, n.metadata(),
                    List.of(n.provenance()), n.provenance().at(), n.provenance().at());
            nodes.add(node);
            return new Stored(node, false);
        }

        @Override
        public Optional<KnowledgeNode> node(String orgId, String id) {
            return nodes.stream().filter(n -> n.id().equals(id) && n.orgId().equals(orgId)).findFirst();
        }

        @Override
        public Page<KnowledgeNode> nodes(String orgId, String workspaceId, NodeKind kind, int offset, int limit) {
            List<KnowledgeNode> of = nodes.stream().filter(n -> n.orgId().equals(orgId) && (kind == null || n.kind() == kind)).toList();
            return new Page<>(of, of.size(), offset, limit);
        }

        @Override
        public boolean delete(String orgId, String id) {
            return nodes.removeIf(n -> n.id().equals(id) && n.orgId().equals(orgId));
        }

        @Override
        public Relationship relate(String orgId, String sourceId, String targetId, RelationType type, Provenance provenance) {
            if (node(orgId, targetId).isEmpty()) {
                throw new IllegalArgumentException("no node " + targetId + " in this org");
            }
            return new Relationship("kr-1", orgId, sourceId, targetId, type, provenance);
        }

        @Override
        public List<Relationship> relationships(String orgId, String nodeId) {
            return List.of();
        }

        @Override
        public SearchResult search(KnowledgeQuery q) {
            return new SearchResult(nodes.stream().filter(n -> n.orgId().equals(q.orgId()) && n.content().contains(q.text()))
                    .map(n -> new ScoredNode(n, 1, 1, 0)).toList(), false);
        }

        @Override
        public PriorKnowledge recall(String orgId, String workspaceId, String task, int tokenBudget) {
            return PriorKnowledge.NONE;
        }

        @Override
        public MoundStats stats(String orgId, String workspaceId) {
            return new MoundStats(nodes.size(), 0, Map.of(NodeKind.FACT, (long) nodes.size()), Map.of(), 0, 0.5);
        }

        @Override
        public MoundHealth health() {
            return new MoundHealth(ComponentHealth.Status.HEALTHY, Map.of(
                    "store", new MoundHealth.Component(ComponentHealth.Status.HEALTHY, true, ""),
                    "embeddings", new MoundHealth.Component(ComponentHealth.Status.HEALTHY, false, "lexical only")));
        }
    }

    /** Grants what the principal's permissions say. */
    static final class Grants implements AccessControl {
        @Override
        public AuthPrincipal principal(Principal fromRequest) {
            return (AuthPrincipal) fromRequest;
        }

        @Override
        public AuthPrincipal require(Principal fromRequest, String permission) {
            AuthPrincipal p = (AuthPrincipal) fromRequest;
            if (!p.can(permission)) {
                throw new PermissionDeniedException(permission);
            }
            return p;
        }
    }

    static SecurityContext as(AuthPrincipal p) {
        return new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return p;
            }

            @Override
            public boolean isUserInRole(String role) {
                return false;
            }

            @Override
            public boolean isSecure() {
                return false;
            }

            @Override
            public String getAuthenticationScheme() {
                return "Bearer";
            }
        };
    }

    static final SecurityContext WRITER = as(new AuthPrincipal("u1", "acme", AuthPrincipal.Kind.USER, "admin",
            Set.of("knowledge.*", "health.read")));
    static final SecurityContext READER = as(new AuthPrincipal("u2", "acme", AuthPrincipal.Kind.USER, "analyst",
            Set.of("knowledge.read")));
    static final SecurityContext OTHER_ORG = as(new AuthPrincipal("u3", "globex", AuthPrincipal.Kind.USER, "admin",
            Set.of("knowledge.*")));

    private final ListMound mound = new ListMound();
    private final KnowledgeResource resource = new KnowledgeResource(mound, new Grants());
    private final ObjectMapper json = new ObjectMapper();

    private JsonNode body(String text) throws Exception {
        return json.readTree(text);
    }

    @Test
    void withoutTheKnowledgeFeatureTheRoutesAnswerA404SayingSo() {
        KnowledgeResource unbound = new KnowledgeResource(null, new Grants());
        assertThatThrownBy(() -> unbound.search(READER, "retries", 10, null, null))
                .isInstanceOf(NotFoundException.class).hasMessageContainingAll("Knowledge Mound is not running", "feature knowledge");
        assertThatThrownBy(() -> new KnowledgeHealthResource(null).health(WRITER))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void aFactAddedIsFoundListedAndSearchedInItsOrgOnly() throws Exception {
        Map<String, Object> added = resource.addNode(WRITER, body("{\"content\":\"Cap retries at 30 s\",\"node_type\":\"fact\","
                + "\"confidence\":0.9,\"metadata\":{\"team\":\"sre\"}}"), null);
        String id = (String) added.get("node_id");

        assertThat(added).containsEntry("success", true).containsEntry("duplicate", false).containsEntry("id", id);
        assertThat(resource.node(READER, id, null)).containsEntry("content", "Cap retries at 30 s").containsEntry("node_type", "fact")
                .containsEntry("confidence", 0.9);
        assertThat(resource.fact(READER, id, null)).containsEntry("statement", "Cap retries at 30 s");
        assertThat((List<?>) resource.search(READER, "retries", 10, null, null).get("results")).hasSize(1);
        assertThat(resource.query(READER, body("{\"query\":\"retries\"}"), null)).containsEntry("total", 1)
                .containsEntry("query", "retries").containsEntry("search_mode", "lexical");
        assertThatThrownBy(() -> resource.node(OTHER_ORG, id, null)).isInstanceOf(NotFoundException.class);
        assertThat((List<?>) resource.search(OTHER_ORG, "retries", 10, null, null).get("results")).isEmpty();
        assertThatThrownBy(() -> resource.search(OTHER_ORG, "retries", 10, null, "acme")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> resource.deleteNode(OTHER_ORG, id, null)).isInstanceOf(NotFoundException.class);
        assertThat(resource.deleteNode(WRITER, id, null)).containsEntry("deleted", true);
    }

    @Test
    void readersCannotWriteAndBadInputIsA400NamingTheProblem() throws Exception {
        assertThatThrownBy(() -> resource.addNode(READER, body("{\"content\":\"x\"}"), null)).isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> resource.addNode(WRITER, body("{}"), null)).isInstanceOf(BadRequestException.class)
                .hasMessageContaining("content is required");
        assertThatThrownBy(() -> resource.addNode(WRITER, body("{\"content\":\"" + "x".repeat(NewNode.MAX_CONTENT + 1) + "\"}"), null))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("at most");
        assertThatThrownBy(() -> resource.addNode(WRITER, body("{\"content\":\"x\",\"node_type\":\"rumour\"}"), null))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("node_type");
        assertThatThrownBy(() -> resource.addNode(WRITER, body("{\"content\":\"x\",\"confidence\":2}"), null))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("confidence");
        assertThatThrownBy(() -> resource.addNode(WRITER, body("[1]"), null)).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> resource.search(READER, "", 10, null, null)).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> resource.search(READER, "x", 1000, null, null)).isInstanceOf(BadRequestException.class);
        String id = (String) resource.addNode(WRITER, body("{\"content\":\"a\"}"), null).get("node_id");
        assertThatThrownBy(() -> resource.relate(WRITER, body("{\"source_id\":\"" + id + "\",\"target_id\":\"kn-99\","
                + "\"relation_type\":\"supports\"}"), null)).isInstanceOf(BadRequestException.class).hasMessageContaining("kn-99");
        assertThatThrownBy(() -> resource.relate(WRITER, body("{\"source_id\":\"" + id + "\",\"target_id\":\"" + id + "\","
                + "\"relation_type\":\"likes\"}"), null)).isInstanceOf(BadRequestException.class).hasMessageContaining("relation_type");
    }

    @Test
    void theHealthReportHasTheRunbooksShapeAndComponentsOnlyForHealthReaders() {
        KnowledgeHealthResource health = new KnowledgeHealthResource(mound);
        Map<String, Object> open = health.health(null);
        assertThat(open).containsEntry("status", "healthy").doesNotContainKey("components");
        assertThat(open.get("summary")).isEqualTo(new LinkedHashMap<>(Map.of("total_components", 2, "healthy", 2L, "active", 1L)));
        assertThat(health.health(WRITER)).containsKey("components");
        assertThat(resource.stats(READER, null, null)).containsEntry("total_facts", 0L);
        assertThat(Instant.now()).isNotNull();
    }
}
