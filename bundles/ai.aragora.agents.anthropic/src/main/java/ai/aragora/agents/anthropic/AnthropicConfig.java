package ai.aragora.agents.anthropic;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The Anthropic provider and its default agent; extra agents come from {@code ai.aragora.agents.anthropic.agent-<name>.cfg}. */
@ObjectClassDefinition(name = "Aragora Anthropic agents", description = "Claude over the Messages API")
@interface AnthropicConfig {

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "API key (from ANTHROPIC_API_KEY)")
    String api_key() default "";

    @AttributeDefinition(description = "Base URL (ANTHROPIC_BASE_URL)")
    String base_url() default "https://api.anthropic.com";

    @AttributeDefinition(description = "Name of the default agent")
    String agent_name() default "anthropic-api";

    String model() default "claude-sonnet-4-5";

    String model_family() default "claude";

    @AttributeDefinition(description = "OpenRouter model used when Anthropic fails; empty: no fallback")
    String fallback_model() default "anthropic/claude-sonnet-4.5";

    int max_tokens() default 4096;

    double temperature() default 0.7;

    @AttributeDefinition(description = "Stream proposals token by token")
    boolean stream() default true;

    @AttributeDefinition(description = "Longest single attempt, in seconds")
    int attempt_timeout_seconds() default 120;

    @AttributeDefinition(description = "US$ per million tokens: model=input:output")
    String[] prices() default {"claude-opus-4=15:75", "claude-sonnet-4=3:15", "claude-haiku-4=1:5", "claude-3-5-haiku=0.8:4"};
}
