package ai.aragora.agents.xai;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The xAI Grok provider and its default agent; extra agents come from {@code ai.aragora.agents.xai.agent-<name>.cfg}. */
@ObjectClassDefinition(name = "Aragora xAI Grok agents", description = "xAI Grok over Chat Completions")
@interface GrokConfig {

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "API key (from XAI_API_KEY)")
    String api_key() default "";

    @AttributeDefinition(description = "Base URL (XAI_BASE_URL)")
    String base_url() default "https://api.x.ai/v1";

    @AttributeDefinition(description = "Name of the default agent")
    String agent_name() default "grok";

    String model() default "grok-4";

    String model_family() default "grok";

    @AttributeDefinition(description = "OpenRouter model used when xAI Grok fails; empty: no fallback")
    String fallback_model() default "x-ai/grok-4";

    int max_tokens() default 4096;

    double temperature() default 0.7;

    @AttributeDefinition(description = "Stream proposals token by token")
    boolean stream() default true;

    @AttributeDefinition(description = "Longest single attempt, in seconds")
    int attempt_timeout_seconds() default 120;

    @AttributeDefinition(description = "US$ per million tokens: model=input:output")
    String[] prices() default {"grok-4=3:15", "grok-3-mini=0.3:0.5", "grok-3=3:15"};
}
