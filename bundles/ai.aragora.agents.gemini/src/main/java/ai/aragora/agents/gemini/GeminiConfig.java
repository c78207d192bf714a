package ai.aragora.agents.gemini;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The Gemini provider and its default agent; extra agents come from {@code ai.aragora.agents.gemini.agent-<name>.cfg}. */
@ObjectClassDefinition(name = "Aragora Gemini agents", description = "Gemini over generateContent")
@interface GeminiConfig {

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "API key (from GEMINI_API_KEY)")
    String api_key() default "";

    @AttributeDefinition(description = "Base URL (GEMINI_BASE_URL)")
    String base_url() default "https://generativelanguage.googleapis.com";

    @AttributeDefinition(description = "Name of the default agent")
    String agent_name() default "gemini";

    String model() default "gemini-2.5-pro";

    String model_family() default "gemini";

    @AttributeDefinition(description = "OpenRouter model used when Gemini fails; empty: no fallback")
    String fallback_model() default "google/gemini-2.5-pro";

    int max_tokens() default 8192;

    double temperature() default 0.7;

    @AttributeDefinition(description = "Stream proposals token by token (streamGenerateContent)")
    boolean stream() default true;

    @AttributeDefinition(description = "Longest single attempt, in seconds")
    int attempt_timeout_seconds() default 120;

    @AttributeDefinition(description = "US$ per million tokens: model=input:output")
    String[] prices() default {"gemini-2.5-pro=1.25:10", "gemini-2.5-flash=0.3:2.5", "gemini-2.5-flash-lite=0.1:0.4"};
}
