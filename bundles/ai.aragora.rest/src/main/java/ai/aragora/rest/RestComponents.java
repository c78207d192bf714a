package ai.aragora.rest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.ReferenceDTO;
import org.osgi.service.component.runtime.dto.SatisfiedReferenceDTO;
import org.osgi.service.jakartars.whiteboard.JakartarsWhiteboardConstants;

/**
 * The REST resources and extensions declared as components, as Declarative Services reports
 * them: which are registered (and under which service id), and which are not yet, with why.
 * A resource that waits for a service is not registered at all, so counting registered services
 * alone would call the API ready while its routes still answer 404.
 */
final class RestComponents {

    /** What the runtime says about them: the registered services, and what each of the others waits for. */
    record Observed(List<Long> registered, List<String> waiting) {
    }

    private final ServiceComponentRuntime scr;
    private final BundleContext context;

    RestComponents(ServiceComponentRuntime scr, BundleContext context) {
        this.scr = scr;
        this.context = context;
    }

    Observed observe() {
        List<Long> registered = new ArrayList<>();
        List<String> waiting = new ArrayList<>();
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            // a factory component has instances only when someone asks for them: nothing to wait for
            if (!isRest(description) || description.factory != null || !scr.isComponentEnabled(description)) {
                continue;
            }
            Collection<ComponentConfigurationDTO> configurations = scr.getComponentConfigurationDTOs(description);
            if (configurations.isEmpty() && !"require".equals(description.configurationPolicy)) {
                waiting.add(simpleName(description) + " (being enabled)");
            }
            for (ComponentConfigurationDTO configuration : configurations) {
                String why = waitingFor(description, configuration);
                if (why != null) {
                    waiting.add(simpleName(description) + " (" + why + ")");
                } else if (configuration.service != null) {
                    registered.add(configuration.service.id);
                }
            }
        }
        return new Observed(registered, waiting);
    }

    /** Why this configuration cannot answer yet, or null when it can (or never will: a failed one is reported by the whiteboard). */
    private String waitingFor(ComponentDescriptionDTO description, ComponentConfigurationDTO configuration) {
        switch (configuration.state) {
            case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION:
                return "waits for its configuration";
            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE:
                List<String> services = new ArrayList<>();
                for (var unsatisfied : configuration.unsatisfiedReferences) {
                    services.add(interfaceOf(description, unsatisfied.name));
                }
                return "waits for " + String.join(", ", services);
            case ComponentConfigurationDTO.SATISFIED:
            case ComponentConfigurationDTO.ACTIVE:
                return unboundOptional(description, configuration);
            default:
                return null;
        }
    }

    /**
     * An optional reference it will bind but has not yet: a resource that answers 503 without
     * its engine or store is not ready while that service is there but not in its hands.
     */
    private String unboundOptional(ComponentDescriptionDTO description, ComponentConfigurationDTO configuration) {
        for (ReferenceDTO reference : description.references) {
            boolean optional = reference.cardinality.startsWith("0");
            boolean rebinds = "dynamic".equals(reference.policy) || "greedy".equals(reference.policyOption);
            if (!optional || !rebinds || bound(configuration, reference.name) || !available(reference, configuration)) {
                continue;
            }
            return "has not bound " + shortName(reference.interfaceName) + " yet";
        }
        return null;
    }

    private static boolean bound(ComponentConfigurationDTO configuration, String name) {
        for (SatisfiedReferenceDTO satisfied : configuration.satisfiedReferences) {
            if (satisfied.name.equals(name)) {
                return satisfied.boundServices != null && satisfied.boundServices.length > 0;
            }
        }
        return false;
    }

    private boolean available(ReferenceDTO reference, ComponentConfigurationDTO configuration) {
        String target = targetOf(configuration, reference);
        try {
            ServiceReference<?>[] found = context.getAllServiceReferences(reference.interfaceName, target);
            return found != null && found.length > 0;
        } catch (InvalidSyntaxException | IllegalStateException e) {
            return false;
        }
    }

    private static String targetOf(ComponentConfigurationDTO configuration, ReferenceDTO reference) {
        for (SatisfiedReferenceDTO satisfied : configuration.satisfiedReferences) {
            if (satisfied.name.equals(reference.name)) {
                return satisfied.target;
            }
        }
        return reference.target;
    }

    private static String interfaceOf(ComponentDescriptionDTO description, String referenceName) {
        for (ReferenceDTO reference : description.references) {
            if (reference.name.equals(referenceName)) {
                return shortName(reference.interfaceName);
            }
        }
        return referenceName;
    }

    private static boolean isRest(ComponentDescriptionDTO description) {
        return isTrue(description.properties.get(JakartarsWhiteboardConstants.JAKARTA_RS_RESOURCE))
                || isTrue(description.properties.get(JakartarsWhiteboardConstants.JAKARTA_RS_EXTENSION));
    }

    private static boolean isTrue(Object value) {
        return value != null && "true".equalsIgnoreCase(String.valueOf(value));
    }

    private static String simpleName(ComponentDescriptionDTO description) {
        return shortName(description.name);
    }

    private static String shortName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
