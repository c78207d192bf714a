package ai.aragora.itest.provider;

import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import ai.aragora.agents.llm.AgentSettings;
import ai.aragora.agents.llm.ChatCompletions;
import ai.aragora.agents.llm.ChatProviders;
import ai.aragora.agents.llm.ProviderRegistration;
import ai.aragora.agents.llm.ProviderSettings;

/**
 * The payload of the provider hot-deployment test: a provider bundle like the shipped ones,
 * registering {@code hot-agent} against a loopback Chat Completions server named in its
 * configuration. Built into bundles of two versions by the test.
 */
@Component(configurationPid = "ai.aragora.itest.provider")
public class LoopbackProviderAgents {

    @interface Config {
        String base_url() default "";
    }

    private final ProviderRegistration agents;

    @Activate
    public LoopbackProviderAgents(@Reference ChatProviders providers, Config config) {
        agents = providers.register(ProviderSettings.of("itest", "ai.aragora.itest.provider", null, "", config.base_url(), Map.of(), 30,
                new String[] {"loopback-model=1:2"}, new AgentSettings("hot-agent", "loopback-model", "loopback", null, 256, 0.5, false)),
                ChatCompletions.STANDARD);
    }

    @Deactivate
    void deactivate() {
        agents.close();
    }
}
