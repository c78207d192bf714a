package ai.aragora.cache;

import java.security.Principal;
import java.util.Map;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

import ai.aragora.api.auth.AccessControl;
import ai.aragora.api.auth.AuthPrincipal;
import ai.aragora.api.auth.PermissionDeniedException;
import ai.aragora.api.cache.DecisionCache;

/**
 * Admin endpoints of the decision cache, under {@code /api/cache} and {@code /api/v1/cache}:
 * stats ({@code cache.read}), and invalidation by workspace, tag, agent version, policy version
 * or all ({@code cache.invalidate}). Without an access control service the routes do not exist.
 */
@Component(service = DecisionCacheAdminResource.class)
@JakartarsResource
@JSONRequired
@Path("api{v: (/v1)?}/cache")
@Produces(MediaType.APPLICATION_JSON)
public class DecisionCacheAdminResource {

    /** The body of a policy version change. */
    public record PolicyVersion(String version) {
    }

    static final String READ = "cache.read";
    static final String INVALIDATE = "cache.invalidate";

    private final DecisionCache cache;
    private final AccessControl access;

    @Activate
    public DecisionCacheAdminResource(@Reference DecisionCache cache, @Reference AccessControl access) {
        this.cache = cache;
        this.access = access;
    }

    @GET
    @Path("stats")
    public Map<String, Object> stats(@Context SecurityContext security) {
        requireServerAdmin(access.require(principal(security), READ), READ);
        return CacheAdministration.stats(cache);
    }

    @POST
    @Path("invalidate/workspace/{workspace}")
    public Map<String, Object> workspace(@Context SecurityContext security, @PathParam("workspace") String workspace) {
        return run(security, "workspace", workspace, null);
    }

    @POST
    @Path("invalidate/tag/{tag}")
    public Map<String, Object> tag(@Context SecurityContext security, @PathParam("tag") String tag) {
        return run(security, "tag", tag, null);
    }

    @POST
    @Path("invalidate/agent/{agent}/{agentVersion}")
    public Map<String, Object> agent(@Context SecurityContext security, @PathParam("agent") String agent,
            @PathParam("agentVersion") String agentVersion) {
        return run(security, "agent", agent, agentVersion);
    }

    @POST
    @Path("invalidate/all")
    public Map<String, Object> all(@Context SecurityContext security) {
        return run(security, "all", null, null);
    }

    @POST
    @Path("policy-version")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> policy(@Context SecurityContext security, PolicyVersion body) {
        return run(security, "policy", null, body == null ? null : body.version());
    }

    /** The cache serves every org: an org's owner or admin, whose roles grant {@code cache.*}, may not run it. */
    private static void requireServerAdmin(AuthPrincipal principal, String permission) {
        if (principal.kind() != AuthPrincipal.Kind.ADMIN) {
            throw new PermissionDeniedException(permission + " (server admin only: the cache is shared by every org)");
        }
    }

    private static Principal principal(SecurityContext security) {
        return security == null ? null : security.getUserPrincipal();
    }

    private Map<String, Object> run(SecurityContext security, String strategy, String value, String version) {
        requireServerAdmin(access.require(principal(security), INVALIDATE), INVALIDATE);
        try {
            return CacheAdministration.invalidate(cache, strategy, value, version);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }
}
