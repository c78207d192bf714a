package ai.aragora.rest;

import java.util.ArrayList;
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
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.jakartars.runtime.JakartarsServiceRuntime;
import org.osgi.service.jakartars.runtime.dto.ApplicationDTO;
import org.osgi.service.jakartars.runtime.dto.ExtensionDTO;
import org.osgi.service.jakartars.runtime.dto.FailedExtensionDTO;
import org.osgi.service.jakartars.runtime.dto.FailedResourceDTO;
import org.osgi.service.jakartars.runtime.dto.ResourceDTO;
import org.osgi.service.jakartars.runtime.dto.RuntimeDTO;
import org.osgi.service.jakartars.whiteboard.JakartarsWhiteboardConstants;

import ai.aragora.api.health.ComponentHealth;
import ai.aragora.api.health.HealthIndicator;

/**
 * The {@code http} component: unavailable while a REST resource or extension is declared but
 * not yet registered (it waits for a service), registered but not yet served by the whiteboard
 * (which deploys asynchronously), or served without a service it is about to bind; degraded when
 * one failed to deploy. Observed from Declarative Services and the whiteboard's runtime, so
 * readiness is never reported before every route answers.
 */
@Component(property = HealthIndicator.COMPONENT + "=http")
public class HttpHealth implements HealthIndicator {

    private static final String REST_SERVICES = "(|(" + JakartarsWhiteboardConstants.JAKARTA_RS_RESOURCE + "=true)("
            + JakartarsWhiteboardConstants.JAKARTA_RS_EXTENSION + "=true))";
    /** Enough names for an operator to act on; the count says the rest. */
    private static final int NAMED = 5;

    private final JakartarsServiceRuntime runtime;
    private final RestComponents components;
    private final BundleContext context;

    @Activate
    public HttpHealth(@Reference JakartarsServiceRuntime runtime, @Reference ServiceComponentRuntime scr, BundleContext context) {
        this.runtime = runtime;
        this.components = new RestComponents(scr, context);
        this.context = context;
    }

    @Override
    public ComponentHealth check() {
        RestComponents.Observed declared = components.observe();
        RuntimeDTO dto = runtime.getRuntimeDTO();
        Set<Long> known = known(dto);
        List<String> waiting = new ArrayList<>(declared.waiting());
        Set<Long> registered = new HashSet<>(declared.registered());
        registered.addAll(registeredServices());
        long undeployed = registered.stream().filter(id -> !known.contains(id)).count();
        if (undeployed > 0) {
            waiting.add(undeployed + " registered REST services not yet served");
        }
        if (!waiting.isEmpty()) {
            return ComponentHealth.unavailable("REST API not ready: " + summary(waiting));
        }
        int failed = dto.failedResourceDTOs.length + dto.failedExtensionDTOs.length + dto.failedApplicationDTOs.length;
        return failed == 0 ? ComponentHealth.healthy() : ComponentHealth.degraded(failed + " REST services failed to deploy");
    }

    /** Every service id the whiteboard has dealt with: deployed or failed. */
    private static Set<Long> known(RuntimeDTO dto) {
        Set<Long> known = new HashSet<>();
        collect(dto.defaultApplication, known);
        for (ApplicationDTO application : dto.applicationDTOs) {
            collect(application, known);
        }
        for (FailedResourceDTO failed : dto.failedResourceDTOs) {
            known.add(failed.serviceId);
        }
        for (FailedExtensionDTO failed : dto.failedExtensionDTOs) {
            known.add(failed.serviceId);
        }
        return known;
    }

    private static void collect(ApplicationDTO application, Set<Long> into) {
        if (application != null) {
            for (ResourceDTO resource : application.resourceDTOs) {
                into.add(resource.serviceId);
            }
            for (ExtensionDTO extension : application.extensionDTOs) {
                into.add(extension.serviceId);
            }
        }
    }

    /** REST services registered by other means than a component (a bundle's own registration) count too. */
    private List<Long> registeredServices() {
        try {
            ServiceReference<?>[] refs = context.getAllServiceReferences(null, REST_SERVICES);
            return refs == null ? List.of() : Arrays.stream(refs).map(r -> (Long) r.getProperty(Constants.SERVICE_ID)).toList();
        } catch (InvalidSyntaxException | IllegalStateException e) {
            return List.of();
        }
    }

    private static String summary(List<String> waiting) {
        if (waiting.size() <= NAMED) {
            return String.join("; ", waiting);
        }
        return String.join("; ", waiting.subList(0, NAMED)) + " and " + (waiting.size() - NAMED) + " more";
    }
}
