package ai.aragora.rest.decisions;

import java.security.Principal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

import com.fasterxml.jackson.databind.JsonNode;

import ai.aragora.api.auth.AccessControl;
import ai.aragora.api.auth.AuthPrincipal;
import ai.aragora.api.auth.OrgScope;
import ai.aragora.api.debate.DebateSpec;
import ai.aragora.api.decision.DecisionRouter;
import ai.aragora.api.decision.DecisionStatus;
import ai.aragora.api.decision.DecisionType;
import ai.aragora.api.storage.DecisionResult;
import ai.aragora.api.storage.Page;

/**
 * Decisions over HTTP. Submitting answers at once: with the cached answer when an identical
 * decision is fresh, else pending. Every decision belongs to its submitter's org, and a decision
 * of another org does not exist for the caller (404).
 */
@Component(service = DecisionsResource.class)
@JakartarsResource
@JSONRequired
@Path("api{v: (/v1)?}/decisions")
@Produces(MediaType.APPLICATION_JSON)
public class DecisionsResource {

    static final int MAX_LIST = 100;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final AccessControl access;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile DecisionRouter router;

    @Activate
    public DecisionsResource(@Reference AccessControl access) {
        this.access = access;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response submit(@Context SecurityContext security, JsonNode body) {
        AuthPrincipal principal = access.require(principal(security), "decisions.create");
        DecisionResult decision;
        try {
            decision = router().submit(DecisionBodies.parse(body, orgOf(principal), principal.id()));
        } catch (DecisionBodies.BadFields e) {
            throw Problems.badFields(e);
        } catch (IllegalArgumentException e) {
            throw Problems.badFields(DecisionBodies.BadFields.of(e.getMessage()));
        } catch (IllegalStateException e) {
            throw Problems.unavailable(e.getMessage());
        }
        return Response.status(201).entity(DecisionViews.accepted(decision)).build();
    }

    @GET
    public Map<String, Object> list(@Context SecurityContext security, @QueryParam("limit") @DefaultValue("50") int limit,
            @QueryParam("offset") @DefaultValue("0") int offset, @QueryParam("status") String status,
            @QueryParam("decision_type") String type, @QueryParam("org") String org) {
        AuthPrincipal principal = access.require(principal(security), "decisions.read");
        if (limit < 1 || limit > MAX_LIST) {
            throw new BadRequestException("limit must be between 1 and " + MAX_LIST + ", got " + limit);
        }
        if (offset < 0) {
            throw new BadRequestException("offset must not be negative, got " + offset);
        }
        DecisionStatus statusFilter;
        DecisionType typeFilter;
        try {
            statusFilter = status == null || status.isBlank() ? null : DecisionStatus.parse(status);
            typeFilter = type == null || type.isBlank() ? null : DecisionType.parse(type);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        OrgScope scope = OrgScope.of(principal, org);
        Page<DecisionResult> page;
        try {
            page = scope.none() ? new Page<>(List.of(), 0, offset, limit)
                    : router().list(scope.orgId(), statusFilter, typeFilter, offset, limit);
        } catch (IllegalStateException e) {
            throw Problems.unavailable(e.getMessage());
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("decisions", page.items().stream().map(DecisionViews::full).toList());
        view.put("total", page.total());
        view.put("limit", limit);
        view.put("offset", offset);
        return view;
    }

    @GET
    @Path("{id}")
    public Map<String, Object> get(@Context SecurityContext security, @PathParam("id") String id) {
        return DecisionViews.full(visible(security, id, "decisions.read"));
    }

    @GET
    @Path("{id}/status")
    public Map<String, Object> status(@Context SecurityContext security, @PathParam("id") String id) {
        return DecisionViews.status(visible(security, id, "decisions.read"));
    }

    @GET
    @Path("{id}/explain")
    public Map<String, Object> explain(@Context SecurityContext security, @PathParam("id") String id) {
        DecisionResult decision = visible(security, id, "decisions.read");
        Map<String, Object> explanation = DecisionViews.explanation(decision);
        if (explanation == null) {
            throw Problems.conflict("decision " + id + " has no explanation: it is " + decision.status());
        }
        return explanation;
    }

    @POST
    @Path("{id}/cancel")
    public Map<String, Object> cancel(@Context SecurityContext security, @PathParam("id") String id, JsonNode body) {
        DecisionResult decision = visible(security, id, "decisions.cancel");
        String reason = body != null && body.path("reason").isTextual() ? body.path("reason").asText() : null;
        DecisionResult cancelled;
        try {
            cancelled = router().cancel(decision.id(), reason).orElseThrow(() -> new NotFoundException("no decision " + id));
        } catch (IllegalStateException e) {
            // still open: another instance holds it and did not answer, or none can be asked
            DecisionResult now = router().find(decision.id()).orElse(decision);
            throw DecisionStatus.parse(now.status()).isFinal()
                    ? Problems.conflict("only a pending or processing decision can be cancelled; decision " + id + " is "
                            + now.status())
                    : Problems.unavailable(e.getMessage());
        }
        Map<String, Object> view = DecisionViews.status(cancelled);
        view.put("cancelled_at", Instant.now().toString());
        view.put("reason", cancelled.error());
        return view;
    }

    @POST
    @Path("{id}/retry")
    public Response retry(@Context SecurityContext security, @PathParam("id") String id) {
        DecisionResult decision = visible(security, id, "decisions.create");
        DecisionResult retried;
        try {
            retried = router().retry(decision.id()).orElseThrow(() -> new NotFoundException("no decision " + id));
        } catch (IllegalArgumentException e) {
            throw Problems.badFields(DecisionBodies.BadFields.of(e.getMessage()));
        } catch (IllegalStateException e) {
            throw DecisionStatus.parse(decision.status()).retryable() ? Problems.unavailable(e.getMessage())
                    : Problems.conflict(e.getMessage());
        }
        return Response.status(201).entity(DecisionViews.accepted(retried)).build();
    }

    private DecisionResult visible(SecurityContext security, String id, String permission) {
        AuthPrincipal principal = access.require(principal(security), permission);
        if (!ID.matcher(id).matches()) {
            throw new NotFoundException("no decision " + clip(id));
        }
        DecisionResult decision;
        try {
            decision = router().find(id).orElseThrow(() -> new NotFoundException("no decision " + id));
        } catch (IllegalStateException e) {
            throw Problems.unavailable(e.getMessage());
        }
        if (!principal.canSee(decision.orgId())) {
            throw new NotFoundException("no decision " + id);
        }
        return decision;
    }

    private DecisionRouter router() {
        DecisionRouter current = router;
        if (current == null) {
            throw Problems.unavailable("the decision router is not running");
        }
        return current;
    }

    /** A principal without an org decides in the default org, as debates do. */
    static String orgOf(AuthPrincipal principal) {
        return principal.orgId() == null ? DebateSpec.DEFAULT_ORG : principal.orgId();
    }

    static Principal principal(SecurityContext security) {
        return security == null ? null : security.getUserPrincipal();
    }

    private static String clip(String s) {
        return s == null ? "" : s.length() > 64 ? s.substring(0, 64) + "..." : s;
    }
}
