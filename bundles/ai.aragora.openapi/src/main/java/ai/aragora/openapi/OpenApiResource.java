package ai.aragora.openapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.jakartars.whiteboard.JakartarsWhiteboardConstants;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.osgi.util.tracker.ServiceTracker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code GET /api/openapi.json}: the API as it is right now. Resources come and go with their
 * bundles, so the document is generated from the resource services registered at the time of
 * the request, never written by hand; it is generated again only once that set has changed.
 */
@Component(service = OpenApiResource.class, configurationPid = "ai.aragora.server")
@JakartarsResource
@JSONRequired
@Path("api{v: (/v1)?}/openapi.json")
@Produces(MediaType.APPLICATION_JSON)
public class OpenApiResource {

    @interface Server {
        String version() default "unknown";
    }

    private final BundleContext context;
    private final ServiceTracker<Object, ServiceReference<Object>> resources;
    private final DocumentCache documents = new DocumentCache(new OpenApiGenerator(new ObjectMapper()), "Aragora API");
    private volatile String version;

    @Activate
    public OpenApiResource(BundleContext context, Server server) throws InvalidSyntaxException {
        this.context = context;
        this.version = server.version();
        // References only: taking the services here would try to activate this very component.
        this.resources = new ServiceTracker<>(context,
                context.createFilter("(" + JakartarsWhiteboardConstants.JAKARTA_RS_RESOURCE + "=true)"), null) {
            @Override
            public ServiceReference<Object> addingService(ServiceReference<Object> reference) {
                return reference;
            }

            @Override
            public void removedService(ServiceReference<Object> reference, ServiceReference<Object> service) {
                // nothing was taken, so nothing is given back (ungetting this very component would be a cycle)
            }
        };
        resources.open(true);
    }

    @Modified
    void modified(Server server) {
        this.version = server.version();
    }

    @Deactivate
    void deactivate() {
        resources.close();
    }

    @GET
    public ObjectNode openApi() {
        // Counts every registration, modification and removal of a resource service the tracker has seen.
        return documents.document(resources.getTrackingCount(), version, this::resourceClasses);
    }

    private List<Class<?>> resourceClasses() {
        List<Class<?>> classes = new ArrayList<>();
        ServiceReference<Object>[] refs = resources.getServiceReferences();
        if (refs != null) {
            for (ServiceReference<Object> ref : refs) {
                resourceClass(ref).ifPresent(classes::add);
            }
        }
        return classes;
    }

    /**
     * The class a resource is registered as, loaded from its bundle: reading the annotations needs
     * no instance, so describing the API never activates (or disposes of) a resource.
     */
    private static Optional<Class<?>> resourceClass(ServiceReference<Object> ref) {
        Bundle bundle = ref.getBundle();
        if (bundle == null || !(ref.getProperty(Constants.OBJECTCLASS) instanceof String[] names)) {
            return Optional.empty();
        }
        for (String name : names) {
            try {
                Class<?> type = bundle.loadClass(name);
                if (type.isAnnotationPresent(Path.class)) {
                    return Optional.of(type);
                }
            } catch (ClassNotFoundException | IllegalStateException e) {
                // a bundle on its way out: its resource leaves the document with it
            }
        }
        return Optional.empty();
    }
}
