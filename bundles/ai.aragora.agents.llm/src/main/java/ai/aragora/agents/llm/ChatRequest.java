package ai.aragora.agents.llm;

import java.util.Objects;

/** One prompt to one model: a system instruction and a user message, and how long and how random the answer may be. */
public record ChatRequest(String model, String system, String prompt, int maxTokens, double temperature, boolean stream) {

    public ChatRequest {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(prompt, "prompt");
        system = system == null ? "" : system;
        if (maxTokens < 1) {
            throw new IllegalArgumentException("max tokens must be positive, got " + maxTokens);
        }
    }

    public ChatRequest withModel(String other) {
        return new ChatRequest(other, system, prompt, maxTokens, temperature, stream);
    }

    public ChatRequest withStream(boolean on) {
        return new ChatRequest(model, system, prompt, maxTokens, temperature, on);
    }
}
