package ai.aragora.agents.llm;

import java.util.Objects;

import ai.aragora.api.agent.Usage;

/**
 * A model's answer: the text, the tokens it cost, the cost in US dollars (null when unknown)
 * and the model that actually answered, as the provider named it.
 */
public record ChatReply(String text, long inputTokens, long outputTokens, Double costUsd, String model) {

    public ChatReply {
        Objects.requireNonNull(text, "text");
        inputTokens = Math.max(0, inputTokens);
        outputTokens = Math.max(0, outputTokens);
    }

    public ChatReply withCost(Double cost) {
        return new ChatReply(text, inputTokens, outputTokens, cost, model);
    }

    public Usage usage() {
        return new Usage(inputTokens, outputTokens, costUsd, model);
    }
}
