package ai.aragora.health;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/** Liveness ({@code /healthz}) and readiness ({@code /readyz}) for orchestrators. */
@Component(service = ProbesResource.class)
@JakartarsResource
@JSONRequired
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class ProbesResource {

    private final ComponentHealthRegistry registry;

    @Activate
    public ProbesResource(@Reference ComponentHealthRegistry registry) {
        this.registry = registry;
    }

    @GET
    @Path("healthz")
    public Map<String, String> liveness() {
        return Map.of("status", "ok");
    }

    @GET
    @Path("readyz")
    public Response readiness() {
        HealthReport report = registry.report();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", report.ready() ? "ready" : "not_ready");
        if (!report.ready()) {
            body.put("missing", report.missing());
            body.put("unavailable", report.unavailable());
        }
        return Response.status(report.ready() ? 200 : 503).entity(body).build();
    }
}
