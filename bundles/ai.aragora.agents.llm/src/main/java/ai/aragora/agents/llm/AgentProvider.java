package ai.aragora.agents.llm;

import org.osgi.annotation.versioning.ConsumerType;

/** A provider bundle's component, registered as a service so the agents' health can name every provider, configured or not. */
@ConsumerType
public interface AgentProvider {

    ProviderStatus status();
}
