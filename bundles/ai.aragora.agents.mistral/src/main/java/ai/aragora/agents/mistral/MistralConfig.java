package ai.aragora.agents.mistral;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The Mistral provider and its default agent; extra agents come from {@code ai.aragora.agents.mistral.agent-<name>.cfg}. */
@ObjectClassDefinition(name = "Aragora Mistral agents", description = "Mistral over Chat Completions")
@interface MistralConfig {

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "API key (from MISTRAL_API_KEY)")
    String api_key() default "";

    @AttributeDefinition(description = "Base URL (MISTRAL_BASE_URL)")
    String base_url() default "https://api.mistral.ai/v1";

    @AttributeDefinition(description = "Name of the default agent")
    String agent_name() default "mistral-api";

    String model() default "mistral-large-latest";

    String model_family() default "mistral";

    @AttributeDefinition(description = "OpenRouter model used when Mistral fails; empty: no fallback")
    String fallback_model() default "mistralai/mistral-large";

    int max_tokens() default 4096;

    double temperature() default 0.7;

    @AttributeDefinition(description = "Stream proposals token by token")
    boolean stream() default true;

    @AttributeDefinition(description = "Longest single attempt, in seconds")
    int attempt_timeout_seconds() default 120;

    @AttributeDefinition(description = "US$ per million tokens: model=input:output")
    String[] prices() default {"mistral-large=2:6", "mistral-medium=0.4:2", "mistral-small=0.1:0.3"};
}
