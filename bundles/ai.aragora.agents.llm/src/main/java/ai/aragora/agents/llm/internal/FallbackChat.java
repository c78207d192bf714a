package ai.aragora.agents.llm.internal;

/**
 * A provider that answers for others when their own fails (OpenRouter). Registered as a
 * service only while it can actually answer (its key is set).
 */
public interface FallbackChat extends ChatEndpoint {

    /** The provider's id, e.g. {@code openrouter}. */
    String provider();
}
