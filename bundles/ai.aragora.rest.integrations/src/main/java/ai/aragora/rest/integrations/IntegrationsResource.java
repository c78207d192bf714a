package ai.aragora.rest.integrations;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

import ai.aragora.api.auth.AccessControl;
import ai.aragora.api.auth.AuthPrincipal;
import ai.aragora.api.auth.OrgScope;
import ai.aragora.api.storage.Page;

/**
 * Integrations on the paths existing clients call (under {@code /api/v1} and {@code /api/v2}
 * alike): list and get ({@code integrations.read}), create or replace with {@code PUT
 * /integrations/{type}}, update, delete and test ({@code integrations.write}). An org sees and
 * changes its own only; another org's integration does not exist for it. The operator names the
 * org with {@code ?org=}.
 */
@Component(service = IntegrationsResource.class)
@JakartarsResource
@JSONRequired
@Path("api/{v: v1|v2}/integrations")
@Produces(MediaType.APPLICATION_JSON)
public class IntegrationsResource {

    static final String READ = "integrations.read";
    static final String WRITE = "integrations.write";
    static final int MAX_LIMIT = 100;

    private final Integrations integrations;
    private final AccessControl access;

    @Activate
    public IntegrationsResource(@Reference Integrations integrations, @Reference AccessControl access) {
        this.integrations = integrations;
        this.access = access;
    }

    @GET
    public Map<String, Object> list(@Context SecurityContext security, @QueryParam("limit") @DefaultValue("20") int limit,
            @QueryParam("offset") @DefaultValue("0") int offset, @QueryParam("type") String type,
            @QueryParam("status") String status, @QueryParam("org") String org) {
        AuthPrincipal principal = access.require(principal(security), READ);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new BadRequestException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        if (offset < 0) {
            throw new BadRequestException("offset must not be negative, got " + offset);
        }
        Boolean enabled = status == null || status.isBlank() ? null : switch (status) {
            case "active" -> Boolean.TRUE;
            case "disabled" -> Boolean.FALSE;
            default -> throw new BadRequestException("status must be active or disabled, got '" + IntegrationInput.clip(status) + "'");
        };
        String wantedType = type == null || type.isBlank() ? null : IntegrationInput.type(type);
        OrgScope scope = OrgScope.of(principal, org);
        Page<Map<String, Object>> page = scope.none() ? new Page<>(List.of(), 0, offset, limit)
                : integrations.list(scope.orgId(), wantedType, enabled, offset, limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("integrations", page.items());
        body.put("total", page.total());
        body.put("limit", limit);
        body.put("offset", offset);
        return body;
    }

    @GET
    @Path("{id}")
    public Map<String, Object> get(@Context SecurityContext security, @PathParam("id") String id, @QueryParam("org") String org) {
        String orgId = org(access.require(principal(security), READ), org);
        return integrations.get(orgId, id).orElseThrow(() -> missing(id));
    }

    @PUT
    @Path("{type}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response put(@Context SecurityContext security, @PathParam("type") String type, @QueryParam("org") String org,
            Map<String, Object> body) {
        String orgId = org(access.require(principal(security), WRITE), org);
        Integrations.Written written = integrations.put(orgId, IntegrationInput.type(type), body);
        return Response.status(written.created() ? 201 : 200).entity(written.view()).build();
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> patch(@Context SecurityContext security, @PathParam("id") String id, @QueryParam("org") String org,
            Map<String, Object> body) {
        String orgId = org(access.require(principal(security), WRITE), org);
        return integrations.patch(orgId, id, body).orElseThrow(() -> missing(id));
    }

    @DELETE
    @Path("{id}")
    public Map<String, Object> delete(@Context SecurityContext security, @PathParam("id") String id, @QueryParam("org") String org) {
        String orgId = org(access.require(principal(security), WRITE), org);
        if (!integrations.delete(orgId, id)) {
            throw missing(id);
        }
        return Map.of("deleted", true, "id", id);
    }

    @POST
    @Path("{id}/test")
    public Map<String, Object> test(@Context SecurityContext security, @PathParam("id") String id, @QueryParam("org") String org) {
        String orgId = org(access.require(principal(security), WRITE), org);
        return integrations.test(orgId, id).orElseThrow(() -> missing(id));
    }

    /** The caller's own org; the operator, who has none, names one. */
    private static String org(AuthPrincipal principal, String requested) {
        if (principal.kind() == AuthPrincipal.Kind.ADMIN) {
            if (requested == null || requested.isBlank()) {
                throw new BadRequestException("the operator acts for an org: name it with ?org=");
            }
            return requested;
        }
        if (principal.orgId() == null || (requested != null && !requested.isBlank() && !requested.equals(principal.orgId()))) {
            throw new NotFoundException("no such integration for this org");
        }
        return principal.orgId();
    }

    private static NotFoundException missing(String id) {
        return new NotFoundException("integration '" + IntegrationInput.clip(id) + "' does not exist in this org");
    }

    private static Principal principal(SecurityContext security) {
        return security == null ? null : security.getUserPrincipal();
    }
}
