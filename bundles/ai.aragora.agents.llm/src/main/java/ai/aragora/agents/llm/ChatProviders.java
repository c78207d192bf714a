package ai.aragora.agents.llm;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What a provider bundle's component uses to put its agents in service: a service of this
 * bundle, scoped per bundle so that the agents belong to (and carry the version of) the provider
 * bundle that registered them. Prompts, lenient parsing, streaming, cost accounting, breakers,
 * retries and OpenRouter fallback are done behind it, once for every provider.
 */
@ProviderType
public interface ChatProviders {

    /**
     * Registers the provider's default agent and one for each factory configuration of
     * {@code <pid>.agent} (e.g. {@code ai.aragora.agents.anthropic.agent-opus.cfg}), or none
     * when {@link ProviderSettings#missing()} says why not. The registration lasts until closed.
     *
     * @throws IllegalArgumentException when the settings cannot be used (a malformed price entry)
     */
    ProviderRegistration register(ProviderSettings settings, ChatProtocol protocol);

    /** The same for a server that speaks the Chat Completions protocol in {@code dialect}. */
    ProviderRegistration register(ProviderSettings settings, ChatCompletions dialect);
}
