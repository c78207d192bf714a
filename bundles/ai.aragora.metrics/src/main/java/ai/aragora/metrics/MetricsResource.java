package ai.aragora.metrics;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.StreamingOutput;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

import io.prometheus.client.exporter.common.TextFormat;

/** Prometheus text exposition at {@code /api/metrics}. */
@Component(service = MetricsResource.class)
@JakartarsResource
@Path("api/metrics")
public class MetricsResource {

    private final PrometheusRegistry registry;

    @Activate
    public MetricsResource(@Reference PrometheusRegistry registry) {
        this.registry = registry;
    }

    @GET
    @Produces(TextFormat.CONTENT_TYPE_004)
    public StreamingOutput scrape() {
        return out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            registry.write(writer);
            writer.flush();
        };
    }
}
