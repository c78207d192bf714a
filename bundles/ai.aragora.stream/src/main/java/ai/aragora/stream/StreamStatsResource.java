package ai.aragora.stream;

import java.security.Principal;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
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
import ai.aragora.api.ops.AdminStats;

/**
 * {@code GET /api/ws/stats}: clients, subscriptions, messages per second and slow clients
 * dropped; server admin only (it counts every org's clients). The same figures are the
 * {@code websocket} part of {@code /api/admin/stats}.
 */
@Component(service = {StreamStatsResource.class, AdminStats.class})
@JakartarsResource
@JSONRequired
@Path("api{v: (/v1)?}/ws/stats")
@Produces(MediaType.APPLICATION_JSON)
public class StreamStatsResource implements AdminStats {

    static final String READ = "admin.read";

    private final StreamHub hub;
    private final AccessControl access;

    @Activate
    public StreamStatsResource(@Reference StreamHub hub, @Reference AccessControl access) {
        this.hub = hub;
        this.access = access;
    }

    @GET
    public Map<String, Object> get(@Context SecurityContext security) {
        Principal from = security == null ? null : security.getUserPrincipal();
        if (access.require(from, READ).kind() != AuthPrincipal.Kind.ADMIN) {
            throw new PermissionDeniedException(READ + " (server admin only: it counts every org's clients)");
        }
        return hub.stats();
    }

    @Override
    public Map<String, Object> stats() {
        Map<String, Object> ws = hub.stats();
        return Map.of("connections", ws.get("clients"), "websocket", ws);
    }
}
