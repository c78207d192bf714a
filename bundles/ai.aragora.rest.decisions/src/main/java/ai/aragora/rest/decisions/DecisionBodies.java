package ai.aragora.rest.decisions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import ai.aragora.api.debate.ConsensusMode;
import ai.aragora.api.decision.DecisionRequest;
import ai.aragora.api.decision.DecisionType;
import ai.aragora.api.decision.Priority;

/**
 * A submit body as clients send it ({@code input}, {@code decision_type}, {@code priority},
 * {@code context} as text or an object, {@code config} with agents, rounds, consensus, seed,
 * {@code callback_url}, {@code workspace_id}, {@code use_cache}) as a {@link DecisionRequest},
 * every problem named by its field.
 */
final class DecisionBodies {

    private DecisionBodies() {
    }

    /** @throws BadFields naming each field that is wrong */
    static DecisionRequest parse(JsonNode body, String orgId, String createdBy) {
        if (body == null || !body.isObject()) {
            throw new BadFields(Map.of("body", "must be a JSON object"));
        }
        Map<String, String> errors = new LinkedHashMap<>();
        String input = text(body, "input", errors);
        DecisionType type = null;
        String rawType = text(body, "decision_type", errors);
        if (rawType != null) {
            type = parse(errors, "decision_type", () -> DecisionType.parse(rawType));
        }
        Priority priority = null;
        String rawPriority = text(body, "priority", errors);
        if (rawPriority != null) {
            priority = parse(errors, "priority", () -> Priority.parse(rawPriority));
        }
        String context = null;
        JsonNode rawContext = body.get("context");
        if (rawContext != null && !rawContext.isNull()) {
            context = rawContext.isTextual() ? rawContext.asText() : rawContext.toString();
        }
        JsonNode config = body.path("config");
        if (!config.isMissingNode() && !config.isNull() && !config.isObject()) {
            errors.put("config", "must be an object");
        }
        List<String> agents = agents(config.get("agents"), errors);
        int rounds = 0;
        JsonNode rawRounds = config.get("rounds");
        if (rawRounds != null && !rawRounds.isNull()) {
            if (rawRounds.isIntegralNumber() && rawRounds.canConvertToInt()) {
                rounds = rawRounds.asInt();
            } else {
                errors.put("config.rounds", "must be an integer");
            }
        }
        ConsensusMode consensus = null;
        JsonNode rawConsensus = config.get("consensus");
        if (rawConsensus != null && !rawConsensus.isNull()) {
            consensus = parse(errors, "config.consensus", () -> ConsensusMode.parse(rawConsensus.asText()));
        }
        long seed = 0;
        JsonNode rawSeed = config.get("seed");
        if (rawSeed != null && !rawSeed.isNull()) {
            if (rawSeed.isIntegralNumber() && rawSeed.canConvertToLong()) {
                seed = rawSeed.asLong();
            } else {
                errors.put("config.seed", "must be an integer");
            }
        }
        String callback = text(body, "callback_url", errors);
        String workspace = text(body, "workspace_id", errors);
        boolean useCache = true;
        JsonNode rawUseCache = body.get("use_cache");
        if (rawUseCache != null && !rawUseCache.isNull()) {
            if (rawUseCache.isBoolean()) {
                useCache = rawUseCache.asBoolean();
            } else {
                errors.put("use_cache", "must be true or false");
            }
        }
        if (input == null && !errors.containsKey("input")) {
            errors.put("input", "is required");
        }
        if (!errors.isEmpty()) {
            throw new BadFields(errors);
        }
        try {
            return new DecisionRequest(input, type, priority, context, agents, rounds, consensus, seed, callback, orgId, workspace,
                    useCache, createdBy);
        } catch (IllegalArgumentException e) {
            throw BadFields.of(e.getMessage());
        }
    }

    private static String text(JsonNode body, String field, Map<String, String> errors) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            errors.put(field, "must be a string");
            return null;
        }
        return value.asText();
    }

    private static List<String> agents(JsonNode agents, Map<String, String> errors) {
        List<String> names = new ArrayList<>();
        if (agents == null || agents.isNull()) {
            return names;
        }
        if (agents.isTextual()) {
            for (String part : agents.asText().split(",")) {
                if (!part.isBlank()) {
                    names.add(part.trim());
                }
            }
        } else if (agents.isArray()) {
            for (JsonNode item : agents) {
                if (!item.isTextual()) {
                    errors.put("config.agents", "must be agent names");
                    return List.of();
                }
                names.add(item.asText().trim());
            }
        } else {
            errors.put("config.agents", "must be an array of names or a comma-separated string");
        }
        return names;
    }

    private static <T> T parse(Map<String, String> errors, String field, java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            errors.put(field, e.getMessage());
            return null;
        }
    }

    /** Fields that are wrong, each with what is wrong with it. */
    static final class BadFields extends RuntimeException {

        private static final long serialVersionUID = 1L;

        final Map<String, String> errors;

        BadFields(Map<String, String> errors) {
            super(String.join("; ", errors.entrySet().stream().map(BadFields::sentence).toList()));
            this.errors = Map.copyOf(errors);
        }

        private static String sentence(Map.Entry<String, String> e) {
            return e.getValue().startsWith(e.getKey()) ? e.getValue() : e.getKey() + " " + e.getValue();
        }

        /** From a message that starts with its field ({@code input must ...}, {@code config.agents: ...}). */
        static BadFields of(String message) {
            String first = message == null ? "" : message.split("[ :]", 2)[0];
            String field = first.matches("[a-z_.]+") ? first : "body";
            return new BadFields(Map.of(field, message));
        }
    }
}
