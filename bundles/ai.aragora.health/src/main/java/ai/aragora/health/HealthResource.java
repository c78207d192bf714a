package ai.aragora.health;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

import ai.aragora.api.auth.AuthPrincipal;

/**
 * The health summary at {@code /api/health} (and {@code /api/v1/health}): public, and with each
 * component's state for a caller allowed {@code health.read}.
 */
@Component(service = HealthResource.class, configurationPid = "ai.aragora.server")
@JakartarsResource
@JSONRequired
@Path("api{v: (/v1)?}/health")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

    /** The server facts this resource reports; the launcher sets them. */
    @interface Server {
        String version() default "unknown";
    }

    private static final String DETAIL = "health.read";

    private final ComponentHealthRegistry registry;
    private volatile String version;

    @Activate
    public HealthResource(Server server, @Reference ComponentHealthRegistry registry) {
        this.registry = registry;
        this.version = server.version();
    }

    @Modified
    void modified(Server server) {
        this.version = server.version();
    }

    @GET
    public Map<String, Object> health(@Context SecurityContext security) {
        HealthReport report = registry.report();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", report.status());
        body.put("version", version);
        body.put("uptime", ManagementFactory.getRuntimeMXBean().getUptime() / 1000);
        if (security != null && security.getUserPrincipal() instanceof AuthPrincipal p && p.can(DETAIL)) {
            Map<String, Object> components = new TreeMap<>();
            report.components().forEach((name, health) -> {
                Map<String, Object> state = new LinkedHashMap<>();
                state.put("status", health.status().wireName());
                if (!health.detail().isEmpty()) {
                    state.put("detail", health.detail());
                }
                components.put(name, state);
            });
            body.put("components", components);
        }
        return body;
    }
}
