package ai.aragora.rest;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.runtime.JakartarsServiceRuntime;
import org.osgi.service.jakartars.runtime.dto.ApplicationDTO;
import org.osgi.service.jakartars.runtime.dto.FailedResourceDTO;
import org.osgi.service.jakartars.runtime.dto.ResourceDTO;
import org.osgi.service.jakartars.runtime.dto.RuntimeDTO;
import org.osgi.service.jakartars.whiteboard.JakartarsWhiteboardConstants;

import ai.aragora.api.health.ComponentHealth;
import ai.aragora.api.health.HealthIndicator;

/**
 * The {@code http} component: unavailable while a registered resource is not yet served (the
 * whiteboard deploys asynchronously, and readiness must not be reported before the API
 * answers); degraded when a resource or extension failed to deploy.
 */
@Component(property = HealthIndicator.COMPONENT + "=http")
public class HttpHealth implements HealthIndicator {

    private static final String RESOURCES = "(" + JakartarsWhiteboardConstants.JAKARTA_RS_RESOURCE + "=true)";

    private final JakartarsServiceRuntime runtime;
    private final BundleContext context;

    @Activate
    public HttpHealth(@Reference JakartarsServiceRuntime runtime, BundleContext context) {
        this.runtime = runtime;
        this.context = context;
    }

    @Override
    public ComponentHealth check() {
        RuntimeDTO dto = runtime.getRuntimeDTO();
        Set<Long> known = new HashSet<>();
        collect(dto.defaultApplication, known);
        for (ApplicationDTO application : dto.applicationDTOs) {
            collect(application, known);
        }
        for (FailedResourceDTO failed : dto.failedResourceDTOs) {
            known.add(failed.serviceId);
        }
        long pending = registeredResources().stream().filter(id -> !known.contains(id)).count();
        if (pending > 0) {
            return ComponentHealth.unavailable(pending + " REST resources are still being deployed");
        }
        int failed = dto.failedResourceDTOs.length + dto.failedExtensionDTOs.length + dto.failedApplicationDTOs.length;
        return failed == 0 ? ComponentHealth.healthy() : ComponentHealth.degraded(failed + " REST services failed to deploy");
    }

    private static void collect(ApplicationDTO application, Set<Long> into) {
        if (application != null) {
            for (ResourceDTO resource : application.resourceDTOs) {
                into.add(resource.serviceId);
            }
        }
    }

    private List<Long> registeredResources() {
        try {
            ServiceReference<?>[] refs = context.getAllServiceReferences(null, RESOURCES);
            return refs == null ? List.of() : Arrays.stream(refs).map(r -> (Long) r.getProperty(Constants.SERVICE_ID)).toList();
        } catch (InvalidSyntaxException | IllegalStateException e) {
            return List.of();
        }
    }
}
