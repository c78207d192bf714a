package ai.aragora.agents.llm;

import org.osgi.annotation.versioning.ProviderType;

/** A provider's agents in service; closing it, from the component's deactivate method, removes them all. */
@ProviderType
public interface ProviderRegistration extends AutoCloseable {

    /**
     * Offers this provider to answer for agents whose own provider fails (OpenRouter), while it
     * can answer: nothing happens when its settings registered no agents.
     */
    void offerAsFallback();

    @Override
    void close();
}
