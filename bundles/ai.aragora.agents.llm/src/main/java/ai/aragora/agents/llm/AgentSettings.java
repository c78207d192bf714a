package ai.aragora.agents.llm;

import java.util.Dictionary;
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

    /**
     * An extra agent from a factory configuration: {@code name} and {@code model} are required;
     * {@code fallback.model}, {@code model.family}, {@code max.tokens}, {@code temperature} and
     * {@code stream} default to the provider's.
     */
    public static AgentSettings from(Dictionary<String, ?> props, AgentSettings defaults) {
        String name = string(props, "name", null);
        String model = string(props, "model", null);
        if (name == null || model == null) {
            throw new IllegalArgumentException("an agent configuration needs 'name' and 'model'");
        }
        return new AgentSettings(name, model, string(props, "model.family", defaults.modelFamily()),
                string(props, "fallback.model", null),
                Integer.parseInt(string(props, "max.tokens", String.valueOf(defaults.maxTokens()))),
                Double.parseDouble(string(props, "temperature", String.valueOf(defaults.temperature()))),
                Boolean.parseBoolean(string(props, "stream", String.valueOf(defaults.stream()))));
    }

    private static String string(Dictionary<String, ?> props, String key, String fallback) {
        Object v = props.get(key);
        return v == null || v.toString().isBlank() ? fallback : v.toString().trim();
    }
}
