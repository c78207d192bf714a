package ai.aragora.agents.llm;

import java.util.Objects;

import ai.aragora.api.agent.AgentInfo;

/**
 * One agent of a provider: its name, the model it asks for and its family, the OpenRouter
 * model to fall back to (null: none), and its answer limits.
 */
public record AgentSettings(String name, String model, String modelFamily, String fallbackModel, int maxTokens,
        double temperature, boolean stream) {

    public AgentSettings {
        if (!AgentInfo.isValidName(name)) {
            throw new IllegalArgumentException("agent name '" + name + "' is not valid (1-64 of a-z 0-9 . _ -)");
        }
        Objects.requireNonNull(model, "model");
        if (model.isBlank()) {
            throw new IllegalArgumentException("agent " + name + " needs a model");
        }
        fallbackModel = fallbackModel == null || fallbackModel.isBlank() ? null : fallbackModel.trim();
        if (maxTokens < 1) {
            throw new IllegalArgumentException("agent " + name + ": max tokens must be positive");
        }
        if (!(temperature >= 0 && temperature <= 2)) {
            throw new IllegalArgumentException("agent " + name + ": temperature must be between 0 and 2");
        }
    }
}
