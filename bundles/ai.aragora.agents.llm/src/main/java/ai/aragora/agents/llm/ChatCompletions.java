package ai.aragora.agents.llm;

import java.util.Objects;

/**
 * How a server speaks the Chat Completions protocol ({@code POST {base}/chat/completions},
 * {@code Authorization: Bearer}) of OpenAI, xAI, Mistral, OpenRouter and local servers.
 *
 * @param tokenLimitField {@code max_tokens}, or {@code max_completion_tokens} for OpenAI's newer models
 * @param requestCost asks for the cost in the usage block (OpenRouter's {@code usage.include})
 * @param streamUsage sends {@code stream_options.include_usage} (servers that reject unknown fields report usage anyway)
 */
public record ChatCompletions(String tokenLimitField, boolean requestCost, boolean streamUsage) {

    /** {@code max_tokens}, usage in streams, no cost reporting: what most servers accept. */
    public static final ChatCompletions STANDARD = new ChatCompletions("max_tokens", false, true);

    public ChatCompletions {
        Objects.requireNonNull(tokenLimitField, "tokenLimitField");
    }
}
