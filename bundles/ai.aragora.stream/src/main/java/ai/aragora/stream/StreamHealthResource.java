package ai.aragora.stream;

import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/** {@code GET /api/health/ws}: whether the stream runs and how many clients it has. */
@Component(service = StreamHealthResource.class)
@JakartarsResource
@JSONRequired
@Path("api/health/ws")
@Produces(MediaType.APPLICATION_JSON)
public class StreamHealthResource {

    private final StreamHub hub;

    @Activate
    public StreamHealthResource(@Reference StreamHub hub) {
        this.hub = hub;
    }

    @GET
    public Map<String, Object> health() {
        return Map.of("status", "healthy", "clients", hub.clients());
    }
}
