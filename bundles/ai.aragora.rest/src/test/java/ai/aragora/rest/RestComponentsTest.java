package ai.aragora.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.dto.ServiceReferenceDTO;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.ReferenceDTO;
import org.osgi.service.component.runtime.dto.SatisfiedReferenceDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

class RestComponentsTest {

    private final List<ComponentDescriptionDTO> descriptions = new ArrayList<>();
    private final Map<ComponentDescriptionDTO, List<ComponentConfigurationDTO>> configurations = new java.util.HashMap<>();
    /** Interface names with a registered service. */
    private final Set<String> available = new java.util.HashSet<>();

    @Test
    void aResourceWaitingForAServiceIsNamedWithIt() {
        ComponentDescriptionDTO agents = resource("ai.aragora.rest.agents.AgentsResource",
                reference("directory", "ai.aragora.rest.agents.AgentDirectoryView", "1..1", "static", "reluctant"));
        ComponentConfigurationDTO waiting = configuration(agents, ComponentConfigurationDTO.UNSATISFIED_REFERENCE, null);
        UnsatisfiedReferenceDTO unsatisfied = new UnsatisfiedReferenceDTO();
        unsatisfied.name = "directory";
        waiting.unsatisfiedReferences = new UnsatisfiedReferenceDTO[] {unsatisfied};

        RestComponents.Observed observed = observe();
        assertThat(observed.waiting()).containsExactly("AgentsResource (waits for AgentDirectoryView)");
        assertThat(observed.registered()).isEmpty();
    }

    @Test
    void aRegisteredResourceCountsByItsServiceAndOthersAreIgnored() {
        configuration(resource("ai.aragora.health.ProbesResource"), ComponentConfigurationDTO.ACTIVE, 42L);
        configuration(extension("ai.aragora.rest.JsonProvider"), ComponentConfigurationDTO.SATISFIED, 43L);
        ComponentDescriptionDTO plain = description("ai.aragora.debate.Arena", Map.of());
        configuration(plain, ComponentConfigurationDTO.UNSATISFIED_REFERENCE, null);
        ComponentDescriptionDTO needsConfig = resource("ai.aragora.x.Configured");
        needsConfig.configurationPolicy = "require";
        ComponentDescriptionDTO factory = resource("ai.aragora.x.Made");
        factory.factory = "made";

        RestComponents.Observed observed = observe();
        assertThat(observed.registered()).containsExactlyInAnyOrder(42L, 43L);
        assertThat(observed.waiting()).isEmpty();
    }

    @Test
    void aResourceThatHasNotYetBoundAnAvailableOptionalServiceIsNotReady() {
        ComponentDescriptionDTO debates = resource("ai.aragora.rest.debates.DebatesResource",
                reference("engine", "ai.aragora.api.debate.DebateService", "0..1", "dynamic", "reluctant"),
                reference("late", "ai.aragora.x.Static", "0..1", "static", "reluctant"));
        ComponentConfigurationDTO active = configuration(debates, ComponentConfigurationDTO.ACTIVE, 7L);
        active.satisfiedReferences = new SatisfiedReferenceDTO[] {satisfied("engine"), satisfied("late")};
        available.add("ai.aragora.x.Static");
        assertThat(observe().waiting()).as("no engine yet, and a static reluctant one never rebinds").isEmpty();

        available.add("ai.aragora.api.debate.DebateService");
        assertThat(observe().waiting()).containsExactly("DebatesResource (has not bound DebateService yet)");

        active.satisfiedReferences[0].boundServices = new ServiceReferenceDTO[] {new ServiceReferenceDTO()};
        assertThat(observe().waiting()).isEmpty();
        assertThat(observe().registered()).containsExactly(7L);
    }

    private RestComponents.Observed observe() {
        ServiceComponentRuntime scr = (ServiceComponentRuntime) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ServiceComponentRuntime.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getComponentDescriptionDTOs" -> descriptions;
                    case "getComponentConfigurationDTOs" -> (Collection<?>) configurations.getOrDefault(args[0], List.of());
                    case "isComponentEnabled" -> true;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        BundleContext context = (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, m, args) -> {
                    if (m.getName().equals("getAllServiceReferences")) {
                        return available.contains((String) args[0]) ? new ServiceReference<?>[] {null} : null;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
        return new RestComponents(scr, context).observe();
    }

    private ComponentDescriptionDTO resource(String name, ReferenceDTO... references) {
        ComponentDescriptionDTO d = description(name, Map.of("osgi.jakartars.resource", Boolean.TRUE));
        d.references = references;
        return d;
    }

    private ComponentDescriptionDTO extension(String name) {
        return description(name, Map.of("osgi.jakartars.extension", "true"));
    }

    private ComponentDescriptionDTO description(String name, Map<String, Object> properties) {
        ComponentDescriptionDTO d = new ComponentDescriptionDTO();
        d.name = name;
        d.properties = properties;
        d.configurationPolicy = "optional";
        d.references = new ReferenceDTO[0];
        descriptions.add(d);
        return d;
    }

    private ComponentConfigurationDTO configuration(ComponentDescriptionDTO description, int state, Long serviceId) {
        ComponentConfigurationDTO c = new ComponentConfigurationDTO();
        c.state = state;
        c.satisfiedReferences = new SatisfiedReferenceDTO[0];
        c.unsatisfiedReferences = new UnsatisfiedReferenceDTO[0];
        if (serviceId != null) {
            c.service = new ServiceReferenceDTO();
            c.service.id = serviceId;
        }
        configurations.computeIfAbsent(description, k -> new ArrayList<>()).add(c);
        return c;
    }

    private static ReferenceDTO reference(String name, String type, String cardinality, String policy, String option) {
        ReferenceDTO r = new ReferenceDTO();
        r.name = name;
        r.interfaceName = type;
        r.cardinality = cardinality;
        r.policy = policy;
        r.policyOption = option;
        return r;
    }

    private static SatisfiedReferenceDTO satisfied(String name) {
        SatisfiedReferenceDTO s = new SatisfiedReferenceDTO();
        s.name = name;
        s.boundServices = new ServiceReferenceDTO[0];
        return s;
    }
}
