package ai.aragora.agents.compatible;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * A local Chat Completions server (Ollama {@code http://localhost:11434/v1}, vLLM, LM Studio).
 * Nothing is registered until a base URL is configured; extra agents (other local models) come
 * from {@code ai.aragora.agents.compatible.agent-<name>.cfg}.
 */
@ObjectClassDefinition(name = "Aragora agents on OpenAI-compatible servers", description = "Local Chat Completions servers")
@interface CompatibleConfig {

    @AttributeDefinition(description = "Base URL including the API prefix, e.g. http://localhost:11434/v1; empty: no agents")
    String base_url() default "";

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "API key, for servers started with one (vLLM --api-key); usually empty")
    String api_key() default "";

    @AttributeDefinition(description = "Name of the default agent")
    String agent_name() default "openai-compatible";

    String model() default "llama3.1";

    String model_family() default "llama";

    @AttributeDefinition(description = "OpenRouter model used when the local server fails; empty: no fallback")
    String fallback_model() default "";

    int max_tokens() default 4096;

    double temperature() default 0.7;

    @AttributeDefinition(description = "Stream proposals token by token")
    boolean stream() default true;

    @AttributeDefinition(description = "Longest single attempt, in seconds (local models can be slow)")
    int attempt_timeout_seconds() default 300;

    @AttributeDefinition(description = "US$ per million tokens, if the server charges: model=input:output")
    String[] prices() default {};
}
