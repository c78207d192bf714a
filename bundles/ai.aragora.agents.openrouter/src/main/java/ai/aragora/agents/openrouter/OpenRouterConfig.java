package ai.aragora.agents.openrouter;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The OpenRouter provider, its default agent, and the fallback for every other provider; extra
 * agents come from {@code ai.aragora.agents.openrouter.agent-<name>.cfg}.
 */
@ObjectClassDefinition(name = "Aragora OpenRouter agents", description = "OpenRouter over Chat Completions; the fallback provider")
@interface OpenRouterConfig {

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "API key (from OPENROUTER_API_KEY); also turns fallback on")
    String api_key() default "";

    @AttributeDefinition(description = "Base URL (OPENROUTER_BASE_URL)")
    String base_url() default "https://openrouter.ai/api/v1";

    @AttributeDefinition(description = "HTTP-Referer header: the site OpenRouter attributes requests to")
    String referer() default "https://aragora.ai";

    @AttributeDefinition(description = "X-Title header: the application name OpenRouter shows")
    String title() default "Aragora";

    @AttributeDefinition(description = "Name of the default agent")
    String agent_name() default "openrouter";

    String model() default "anthropic/claude-sonnet-4.5";

    String model_family() default "claude";

    @AttributeDefinition(description = "Offer this provider as the fallback of the others")
    boolean fallback_enabled() default true;

    int max_tokens() default 4096;

    double temperature() default 0.7;

    @AttributeDefinition(description = "Stream proposals token by token")
    boolean stream() default true;

    @AttributeDefinition(description = "Longest single attempt, in seconds")
    int attempt_timeout_seconds() default 120;

    @AttributeDefinition(description = "US$ per million tokens when OpenRouter reports no cost: model=input:output")
    String[] prices() default {"anthropic/claude-sonnet-4=3:15", "anthropic/claude-opus-4=15:75", "openai/gpt-4o=2.5:10",
        "x-ai/grok-4=3:15", "mistralai/mistral-large=2:6", "google/gemini-2.5-pro=1.25:10"};
}
