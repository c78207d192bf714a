package ai.aragora.agents.openai;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The OpenAI provider and its default agent; extra agents come from {@code ai.aragora.agents.openai.agent-<name>.cfg}. */
@ObjectClassDefinition(name = "Aragora OpenAI agents", description = "OpenAI over Chat Completions")
@interface OpenAiConfig {

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "API key (from OPENAI_API_KEY)")
    String api_key() default "";

    @AttributeDefinition(description = "Base URL (OPENAI_BASE_URL)")
    String base_url() default "https://api.openai.com/v1";

    @AttributeDefinition(description = "Name of the default agent")
    String agent_name() default "openai-api";

    String model() default "gpt-4o";

    String model_family() default "gpt";

    @AttributeDefinition(description = "OpenRouter model used when OpenAI fails; empty: no fallback")
    String fallback_model() default "openai/gpt-4o";

    int max_tokens() default 4096;

    double temperature() default 0.7;

    @AttributeDefinition(description = "Stream proposals token by token")
    boolean stream() default true;

    @AttributeDefinition(description = "Longest single attempt, in seconds")
    int attempt_timeout_seconds() default 120;

    @AttributeDefinition(description = "US$ per million tokens: model=input:output")
    String[] prices() default {"gpt-4o-mini=0.15:0.6", "gpt-4o=2.5:10", "gpt-4.1-mini=0.4:1.6", "gpt-4.1=2:8", "o3=2:8", "o4-mini=1.1:4.4"};
}
