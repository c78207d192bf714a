package ai.aragora.rest.knowledge;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

import ai.aragora.api.auth.AccessControl;
import ai.aragora.api.knowledge.KnowledgeExchange;
import ai.aragora.api.knowledge.KnowledgeExchange.Format;
import ai.aragora.api.knowledge.KnowledgeExchange.ImportRejected;
import ai.aragora.api.knowledge.KnowledgeExchange.Summary;

/**
 * {@code GET /api/knowledge/export} (JSON that imports again, GraphML or D3 for pictures, streamed
 * from the store) and {@code POST /api/knowledge/import} (a JSON export, stored all or nothing),
 * within the caller's org like every knowledge route. One class for both paths: more specific
 * than {@link KnowledgeResource}'s, so these two are matched here first.
 */
@Component(service = KnowledgeExchangeResource.class)
@JakartarsResource
@JSONRequired
@Path("api{v: (/v1)?}/knowledge/{op: export|import}")
public class KnowledgeExchangeResource {

    static final String GRAPHML = "application/graphml+xml";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile KnowledgeExchange exchange;
    private final AccessControl access;

    @Activate
    public KnowledgeExchangeResource(@Reference AccessControl access) {
        this.access = access;
    }

    /** For tests: a resource bound to {@code exchange}. */
    KnowledgeExchangeResource(KnowledgeExchange exchange, AccessControl access) {
        this(access);
        this.exchange = exchange;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, GRAPHML})
    public Response export(@Context SecurityContext security, @PathParam("op") String op,
            @QueryParam("format") @DefaultValue("json") String format, @QueryParam("workspace_id") String workspace,
            @QueryParam("org") String org) {
        if (!"export".equals(op)) {
            throw new NotAllowedException("POST");
        }
        String orgId = KnowledgeResource.orgOf(access.require(principal(security), KnowledgeResource.READ), org);
        Format f;
        try {
            f = Format.of(format);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        KnowledgeExchange x = require(exchange);
        String ws = workspace == null || workspace.isBlank() ? null : workspace;
        StreamingOutput body = out -> x.export(orgId, ws, f, out, s -> {
        });
        String name = "knowledge-" + orgId.replaceAll("[^A-Za-z0-9._-]", "_") + (f == Format.GRAPHML ? ".graphml" : f == Format.D3 ? ".d3.json" : ".json");
        return Response.ok(body, f == Format.GRAPHML ? GRAPHML + ";charset=utf-8" : MediaType.APPLICATION_JSON)
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"").build();
    }

    @POST
    @Consumes({MediaType.APPLICATION_JSON, MediaType.APPLICATION_OCTET_STREAM})
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> importJson(@Context SecurityContext security, @PathParam("op") String op, InputStream body,
            @QueryParam("org") String org) {
        if (!"import".equals(op)) {
            throw new NotAllowedException("GET");
        }
        String orgId = KnowledgeResource.orgOf(access.require(principal(security), KnowledgeResource.WRITE), org);
        Summary done;
        try {
            // kept open by the import's parser, so that a refused body can be read to its end
            InputStream open = new FilterInputStream(body) {
                @Override
                public void close() {
                }
            };
            done = require(exchange).importJson(orgId, open, s -> {
            });
        } catch (ImportRejected e) {
            if (e.tooLarge()) {
                throw new WebApplicationException(e.getMessage(), 413);
            }
            rest(body);
            throw new BadRequestException("import refused, nothing was stored: " + e.getMessage());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("success", true);
        out.put("org_id", orgId);
        out.put("nodes", done.nodes());
        out.put("relationships", done.relationships());
        out.put("new_nodes", done.added());
        return out;
    }

    /**
     * Reads what is left of a refused import (the body limit bounds it): a server that answers
     * and closes while its client still writes resets the connection, and the client sees a
     * broken pipe instead of the 400.
     */
    private static void rest(InputStream body) {
        byte[] sink = new byte[64 << 10];
        try {
            while (body.read(sink) >= 0) {
                // dropped
            }
        } catch (IOException | RuntimeException e) {
            // its end, early or past the limit: the answer follows
        }
    }

    private static KnowledgeExchange require(KnowledgeExchange exchange) {
        if (exchange == null) {
            throw new NotFoundException(MoundAbsent.MESSAGE);
        }
        return exchange;
    }

    private static Principal principal(SecurityContext security) {
        return security == null ? null : security.getUserPrincipal();
    }
}
