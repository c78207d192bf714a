package ai.aragora.rest.knowledge;

import static ai.aragora.rest.knowledge.Bodies.blankToNull;
import static ai.aragora.rest.knowledge.Bodies.integer;
import static ai.aragora.rest.knowledge.Bodies.metadata;
import static ai.aragora.rest.knowledge.Bodies.number;
import static ai.aragora.rest.knowledge.Bodies.object;
import static ai.aragora.rest.knowledge.Bodies.principal;
import static ai.aragora.rest.knowledge.Bodies.text;
import static ai.aragora.rest.knowledge.Bodies.valid;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

import com.fasterxml.jackson.databind.JsonNode;

import ai.aragora.api.auth.AccessControl;
import ai.aragora.api.auth.AuthPrincipal;
import ai.aragora.api.debate.DebateSpec;
import ai.aragora.api.knowledge.KnowledgeMound;
import ai.aragora.api.knowledge.KnowledgeNode;
import ai.aragora.api.knowledge.KnowledgeQuery;
import ai.aragora.api.knowledge.NewNode;
import ai.aragora.api.knowledge.NodeKind;
import ai.aragora.api.knowledge.Provenance;
import ai.aragora.api.knowledge.RelationType;
import ai.aragora.api.knowledge.ScoredNode;
import ai.aragora.api.knowledge.SearchResult;
import ai.aragora.api.knowledge.Stored;
import ai.aragora.api.knowledge.Tier;
import ai.aragora.api.storage.Page;

/**
 * The Knowledge Mound over HTTP, on the paths clients call (with or without {@code /v1}). Every
 * call acts within the caller's org (the admin's: {@code default}, or the one it names with
 * {@code ?org=}); a node of another org answers 404 as if it did not exist.
 */
@Component(service = KnowledgeResource.class)
@JakartarsResource
@JSONRequired
@Path("api{v: (/v1)?}/knowledge")
@Produces(MediaType.APPLICATION_JSON)
public class KnowledgeResource {

    static final String READ = "knowledge.read";
    static final String WRITE = "knowledge.write";
    static final int MAX_LIMIT = 200;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile KnowledgeMound mound;
    private final AccessControl access;

    @Activate
    public KnowledgeResource(@Reference AccessControl access) {
        this.access = access;
    }

    /** For tests: a resource bound to {@code mound}. */
    KnowledgeResource(KnowledgeMound mound, AccessControl access) {
        this(access);
        this.mound = mound;
    }

    // --- search

    @GET
    @Path("search")
    public Map<String, Object> search(@Context SecurityContext security, @QueryParam("q") String q,
            @QueryParam("limit") @DefaultValue("10") int limit, @QueryParam("workspace_id") String workspace,
            @QueryParam("org") String org) {
        String orgId = org(security, READ, org);
        SearchResult found = valid(() -> MoundAbsent.require(mound).search(KnowledgeQuery.of(orgId, workspace, q, limit)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("results", found.hits().stream().map(KnowledgeViews::hit).toList());
        body.put("total", found.hits().size());
        body.put("search_mode", found.semantic() ? "hybrid" : "lexical");
        return body;
    }

    @POST
    @Path("mound/query")
    public Map<String, Object> query(@Context SecurityContext security, JsonNode body, @QueryParam("org") String org) {
        String orgId = org(security, READ, org);
        JsonNode b = object(body);
        String text = text(b, "query", true);
        int limit = integer(b, "limit", 10);
        double minConfidence = b.path("min_confidence").isNumber() ? b.get("min_confidence").asDouble() : 0;
        SearchResult found = valid(() -> MoundAbsent.require(mound).search(new KnowledgeQuery(orgId, text(b, "workspace_id", false), text, limit,
                minConfidence, Set.of(), Tier.GLACIAL)));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", found.hits().stream().map(KnowledgeViews::hit).toList());
        out.put("total", found.hits().size());
        out.put("query", text);
        out.put("relevance_scores", found.hits().stream().map(ScoredNode::score).toList());
        out.put("search_mode", found.semantic() ? "hybrid" : "lexical");
        return out;
    }

    // --- nodes

    @POST
    @Path("mound/nodes")
    public Map<String, Object> addNode(@Context SecurityContext security, JsonNode body, @QueryParam("org") String org) {
        AuthPrincipal principal = access.require(principal(security), WRITE);
        String orgId = orgOf(principal, org);
        JsonNode b = object(body);
        String type = text(b, "node_type", false);
        Stored stored = add(principal, orgId, b, text(b, "content", true), type == null ? NodeKind.FACT : valid(() -> NodeKind.of(type)));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", stored.node().id());
        out.put("node_id", stored.node().id());
        out.put("success", true);
        out.put("duplicate", stored.duplicate());
        out.put("topics_extracted", List.of());
        return out;
    }

    @GET
    @Path("mound/nodes")
    public Map<String, Object> nodes(@Context SecurityContext security, @QueryParam("limit") @DefaultValue("50") int limit,
            @QueryParam("offset") @DefaultValue("0") int offset, @QueryParam("workspace_id") String workspace,
            @QueryParam("node_type") String type, @QueryParam("org") String org) {
        String orgId = org(security, READ, org);
        NodeKind kind = type == null || type.isBlank() ? null : valid(() -> NodeKind.of(type));
        Page<KnowledgeNode> page = MoundAbsent.require(mound).nodes(orgId, blankToNull(workspace), kind, offset(offset), limit(limit));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("nodes", page.items().stream().map(KnowledgeViews::node).toList());
        out.put("total", page.total());
        out.put("limit", limit);
        out.put("offset", offset);
        return out;
    }

    @GET
    @Path("mound/nodes/{id}")
    public Map<String, Object> node(@Context SecurityContext security, @PathParam("id") String id, @QueryParam("org") String org) {
        return KnowledgeViews.node(find(org(security, READ, org), id));
    }

    @DELETE
    @Path("mound/nodes/{id}")
    public Map<String, Object> deleteNode(@Context SecurityContext security, @PathParam("id") String id,
            @QueryParam("org") String org) {
        return delete(org(security, WRITE, org), id);
    }

    @GET
    @Path("mound/nodes/{id}/relationships")
    public Map<String, Object> relationships(@Context SecurityContext security, @PathParam("id") String id,
            @QueryParam("org") String org) {
        String orgId = org(security, READ, org);
        find(orgId, id);
        return Map.of("node_id", id, "relationships", MoundAbsent.require(mound).relationships(orgId, id).stream().map(KnowledgeViews::relationship).toList());
    }

    @POST
    @Path("mound/relationships")
    public Map<String, Object> relate(@Context SecurityContext security, JsonNode body, @QueryParam("org") String org) {
        AuthPrincipal principal = access.require(principal(security), WRITE);
        String orgId = orgOf(principal, org);
        JsonNode b = object(body);
        String source = id(text(b, "source_id", true));
        String target = id(text(b, "target_id", true));
        RelationType type = valid(() -> RelationType.of(text(b, "relation_type", true)));
        Provenance provenance = new Provenance(null, null, principal.id(), 0, null, Instant.now());
        return KnowledgeViews.relationship(valid(() -> MoundAbsent.require(mound).relate(orgId, source, target, type, provenance)));
    }

    // --- facts: nodes of kind fact

    @GET
    @Path("facts")
    public Map<String, Object> facts(@Context SecurityContext security, @QueryParam("limit") @DefaultValue("50") int limit,
            @QueryParam("offset") @DefaultValue("0") int offset, @QueryParam("workspace_id") String workspace,
            @QueryParam("min_confidence") @DefaultValue("0") double minConfidence, @QueryParam("org") String org) {
        String orgId = org(security, READ, org);
        Page<KnowledgeNode> page = MoundAbsent.require(mound).nodes(orgId, blankToNull(workspace), NodeKind.FACT, offset(offset), limit(limit));
        List<Map<String, Object>> facts = page.items().stream().filter(n -> n.confidence() >= minConfidence)
                .map(KnowledgeViews::fact).toList();
        return Map.of("facts", facts, "total", page.total());
    }

    @POST
    @Path("facts")
    public Map<String, Object> addFact(@Context SecurityContext security, JsonNode body, @QueryParam("org") String org) {
        AuthPrincipal principal = access.require(principal(security), WRITE);
        JsonNode b = object(body);
        String statement = text(b, "statement", true);
        Stored stored = add(principal, orgOf(principal, org), b, statement, NodeKind.FACT);
        return Map.of("id", stored.node().id(), "statement", stored.node().content(), "duplicate", stored.duplicate());
    }

    @GET
    @Path("facts/{id}")
    public Map<String, Object> fact(@Context SecurityContext security, @PathParam("id") String id, @QueryParam("org") String org) {
        KnowledgeNode n = find(org(security, READ, org), id);
        if (n.kind() != NodeKind.FACT) {
            throw new NotFoundException("no fact " + id);
        }
        return KnowledgeViews.fact(n);
    }

    @DELETE
    @Path("facts/{id}")
    public Map<String, Object> deleteFact(@Context SecurityContext security, @PathParam("id") String id,
            @QueryParam("org") String org) {
        return delete(org(security, WRITE, org), id);
    }

    @GET
    @Path("facts/{id}/relations")
    public Map<String, Object> factRelations(@Context SecurityContext security, @PathParam("id") String id,
            @QueryParam("org") String org) {
        return relationships(security, id, org);
    }

    // --- stats

    @GET
    @Path("{what: stats|mound/stats|facts/stats}")
    public Map<String, Object> stats(@Context SecurityContext security, @QueryParam("workspace_id") String workspace,
            @QueryParam("org") String org) {
        return KnowledgeViews.stats(MoundAbsent.require(mound).stats(org(security, READ, org), blankToNull(workspace)));
    }

    // --- internals

    private Stored add(AuthPrincipal principal, String orgId, JsonNode b, String content, NodeKind kind) {
        double confidence = b.has("confidence") ? number(b, "confidence") : 0.5;
        Map<String, String> metadata = metadata(b.get("metadata"));
        JsonNode topics = b.get("topics");
        if (topics != null && topics.isArray() && !topics.isEmpty()) {
            List<String> names = new java.util.ArrayList<>();
            topics.forEach(t -> names.add(t.asText()));
            metadata = new LinkedHashMap<>(metadata);
            metadata.put("topics", String.join(",", names));
        }
        Map<String, String> meta = metadata;
        Provenance provenance = new Provenance(null, null, principal.id(), 0, null, Instant.now());
        return valid(() -> MoundAbsent.require(mound).add(new NewNode(orgId, text(b, "workspace_id", false), kind, content, confidence, meta, provenance)));
    }

    private KnowledgeNode find(String orgId, String id) {
        return MoundAbsent.require(mound).node(orgId, id(id)).orElseThrow(() -> new NotFoundException("no knowledge node " + id));
    }

    private Map<String, Object> delete(String orgId, String id) {
        if (!MoundAbsent.require(mound).delete(orgId, id(id))) {
            throw new NotFoundException("no knowledge node " + id);
        }
        return Map.of("deleted", true, "id", id);
    }

    private String org(SecurityContext security, String permission, String requested) {
        return orgOf(access.require(principal(security), permission), requested);
    }

    /** The caller's org; the admin's is {@code default} unless it names one. */
    static String orgOf(AuthPrincipal principal, String requested) {
        if (principal.kind() == AuthPrincipal.Kind.ADMIN) {
            return requested == null || requested.isBlank() ? DebateSpec.DEFAULT_ORG : requested;
        }
        if (requested != null && !requested.isBlank() && !requested.equals(principal.orgId())) {
            throw new NotFoundException("no org " + requested);
        }
        return principal.orgId() == null ? DebateSpec.DEFAULT_ORG : principal.orgId();
    }

    private static String id(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new NotFoundException("no knowledge node " + (id == null ? "" : id.substring(0, Math.min(id.length(), 64))));
        }
        return id;
    }

    private static int limit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new BadRequestException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        return limit;
    }

    private static int offset(int offset) {
        if (offset < 0) {
            throw new BadRequestException("offset must not be negative, got " + offset);
        }
        return offset;
    }
}
