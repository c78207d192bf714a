package ai.aragora.rest.knowledge;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeSet;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
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

import ai.aragora.api.auth.AccessControl;
import ai.aragora.api.knowledge.AdapterQueries;
import ai.aragora.api.knowledge.KnowledgeQuery;
import ai.aragora.api.knowledge.SearchResult;

/**
 * The adapters' reverse queries: {@code GET /api/knowledge/adapters} lists the running ones,
 * {@code GET /api/knowledge/adapters/{name}/query?q=} asks one (the control plane's
 * recommendations are {@code /adapters/control_plane/query?q=<task type>}), in the caller's org.
 */
@Component(service = AdapterQueryResource.class)
@JakartarsResource
@JSONRequired
@Path("api{v: (/v1)?}/knowledge/adapters")
@Produces(MediaType.APPLICATION_JSON)
public class AdapterQueryResource {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile AdapterQueries queries;
    private final AccessControl access;

    @Activate
    public AdapterQueryResource(@Reference AccessControl access) {
        this.access = access;
    }

    /** For tests: a resource bound to {@code queries}. */
    AdapterQueryResource(AdapterQueries queries, AccessControl access) {
        this(access);
        this.queries = queries;
    }

    @GET
    public Map<String, Object> adapters(@Context SecurityContext security) {
        access.require(principal(security), KnowledgeResource.READ);
        return Map.of("adapters", new TreeSet<>(require(queries).adapters()));
    }

    @GET
    @Path("{name}/query")
    public Map<String, Object> query(@Context SecurityContext security, @PathParam("name") String name, @QueryParam("q") String q,
            @QueryParam("limit") @DefaultValue("10") int limit, @QueryParam("org") String org) {
        String orgId = KnowledgeResource.orgOf(access.require(principal(security), KnowledgeResource.READ), org);
        if (q == null || q.isBlank()) {
            throw new BadRequestException("q is required: what to ask the adapter");
        }
        if (limit < 1 || limit > KnowledgeResource.MAX_LIMIT) {
            throw new BadRequestException("limit must be between 1 and " + KnowledgeResource.MAX_LIMIT + ", got " + limit);
        }
        SearchResult found;
        try {
            found = require(queries).query(name, orgId, q.length() > KnowledgeQuery.MAX_TEXT ? q.substring(0, KnowledgeQuery.MAX_TEXT) : q, limit);
        } catch (NoSuchElementException e) {
            throw new NotFoundException(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("adapter", name);
        body.put("results", found.hits().stream().map(KnowledgeViews::hit).toList());
        body.put("total", found.hits().size());
        body.put("search_mode", found.semantic() ? "hybrid" : "lexical");
        return body;
    }

    private static AdapterQueries require(AdapterQueries queries) {
        if (queries == null) {
            throw new NotFoundException(MoundAbsent.MESSAGE);
        }
        return queries;
    }

    private static Principal principal(SecurityContext security) {
        return security == null ? null : security.getUserPrincipal();
    }
}
