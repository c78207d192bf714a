package ai.aragora.agents.llm;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A provider that answers for others when their own fails (OpenRouter). Registered as a
 * service only while it can actually answer (its key is set).
 */
@ConsumerType
public interface FallbackChat extends ChatEndpoint {

    /** The provider's id, e.g. {@code openrouter}. */
    String provider();
}
