package ai.aragora.health;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One feature's list of components readiness must wait for. Each feature contributes its own
 * factory configuration ({@code ai.aragora.health.required~<feature>}), so loading a feature
 * adds its requirements and unloading it removes them.
 */
@Component(service = RequiredComponents.class, configurationPid = RequiredComponents.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = RequiredComponents.Config.class, factory = true)
public class RequiredComponents {

    static final String PID = "ai.aragora.health.required";

    @ObjectClassDefinition(name = "Aragora readiness requirement", description = "Components /readyz waits for")
    @interface Config {
        String[] components();
    }

    private final List<String> components;

    @Activate
    public RequiredComponents(Config config) {
        this.components = List.of(config.components());
    }

    List<String> components() {
        return components;
    }
}
