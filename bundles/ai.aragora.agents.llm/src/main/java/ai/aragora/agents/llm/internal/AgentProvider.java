package ai.aragora.agents.llm.internal;

/** A provider bundle's registration, registered as a service so the agents' health can name every provider, configured or not. */
public interface AgentProvider {

    ProviderStatus status();
}
