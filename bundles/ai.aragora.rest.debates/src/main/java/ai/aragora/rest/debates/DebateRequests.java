package ai.aragora.rest.debates;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import ai.aragora.api.debate.ConsensusMode;
import ai.aragora.api.debate.DebateSpec;
import ai.aragora.api.webhook.Callbacks;
import ai.aragora.api.webhook.OutboundPolicy;
import ai.aragora.api.webhook.RefusedDestinationException;

/**
 * A create-debate body as existing clients send it ({@code task} or {@code question};
 * {@code agents} as an array or a comma-separated string) turned into a {@link DebateSpec}, with
 * every problem named by field instead of the first one only.
 */
final class DebateRequests {

    /** Metadata the server sets itself (with {@link Callbacks#CALLBACK_URL}); a client cannot claim to be someone else. */
    static final String CREATED_BY = "created_by";
    static final int MAX_METADATA = 50;
    static final int MAX_METADATA_VALUE = 1000;

    private DebateRequests() {
    }

    static DebateSpec parse(JsonNode body, String orgId, String createdBy) throws ValidationException {
        return parse(body, orgId, createdBy, null);
    }

    /**
     * @param outbound the outbound policy that checks a {@code callback_url}, or null when the
     *        webhooks bundle does not run (a callback is then refused, not silently dropped)
     */
    static DebateSpec parse(JsonNode body, String orgId, String createdBy, OutboundPolicy outbound) throws ValidationException {
        if (body == null || !body.isObject()) {
            throw new ValidationException(List.of(new FieldError("body", "must be a JSON object")));
        }
        List<FieldError> errors = new ArrayList<>();
        String task = text(body, "task", errors);
        if (task == null) {
            task = text(body, "question", errors);
        }
        if (task == null && errors.isEmpty()) {
            errors.add(new FieldError("task", "is required"));
        }
        DebateSpec.Builder spec = DebateSpec.builder(task);
        JsonNode agents = body.get("agents");
        if (agents != null && !agents.isNull()) {
            List<String> names = agents(agents, errors);
            if (names != null) {
                spec.agents(names);
            }
        }
        Integer rounds = integer(body, "rounds", errors);
        if (rounds != null) {
            spec.rounds(rounds);
        }
        Integer minRounds = integer(body, "min_rounds", errors);
        if (minRounds != null) {
            spec.minRounds(minRounds);
        }
        String consensus = text(body, "consensus", errors);
        if (consensus != null) {
            try {
                spec.consensus(ConsensusMode.parse(consensus));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("consensus", e.getMessage()));
            }
        }
        JsonNode threshold = body.get("threshold");
        if (threshold != null && !threshold.isNull()) {
            if (threshold.isNumber()) {
                spec.threshold(threshold.asDouble());
            } else {
                errors.add(new FieldError("threshold", "must be a number"));
            }
        }
        String judge = text(body, "judge", errors);
        if (judge != null) {
            spec.judge(judge);
        }
        JsonNode seed = body.get("seed");
        if (seed != null && !seed.isNull()) {
            if (seed.canConvertToLong() && seed.isIntegralNumber()) {
                spec.seed(seed.asLong());
            } else {
                errors.add(new FieldError("seed", "must be an integer"));
            }
        }
        Integer timeout = integer(body, "timeout_seconds", errors);
        if (timeout != null) {
            spec.debateTimeout(Duration.ofSeconds(timeout));
        }
        Integer agentTimeout = integer(body, "agent_timeout_seconds", errors);
        if (agentTimeout != null) {
            spec.agentTimeout(Duration.ofSeconds(agentTimeout));
        }
        String context = text(body, "context", errors);
        if (context != null) {
            spec.context(context);
        }
        JsonNode prior = body.get("prior_knowledge");
        if (prior != null && !prior.isNull()) {
            if (prior.isBoolean()) {
                spec.priorKnowledge(prior.booleanValue());
            } else {
                errors.add(new FieldError("prior_knowledge", "must be true or false"));
            }
        }
        Map<String, String> metadata = metadata(body.get("metadata"), createdBy, errors);
        String callback = text(body, Callbacks.CALLBACK_URL, errors);
        if (callback != null) {
            if (outbound == null) {
                errors.add(new FieldError(Callbacks.CALLBACK_URL, "needs the webhooks bundle, which is not running"));
            } else {
                try {
                    metadata.put(Callbacks.CALLBACK_URL, outbound.check(callback).toString());
                } catch (RefusedDestinationException e) {
                    errors.add(new FieldError(Callbacks.CALLBACK_URL, e.getMessage()));
                }
            }
        }
        spec.metadata(metadata);
        spec.orgId(orgId);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        try {
            return spec.build();
        } catch (IllegalArgumentException e) {
            throw new ValidationException(List.of(new FieldError(fieldOf(e.getMessage()), e.getMessage())));
        }
    }

    private static String text(JsonNode body, String field, List<FieldError> errors) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            errors.add(new FieldError(field, "must be a string"));
            return null;
        }
        return value.asText();
    }

    private static Integer integer(JsonNode body, String field, List<FieldError> errors) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            errors.add(new FieldError(field, "must be an integer"));
            return null;
        }
        return value.asInt();
    }

    private static List<String> agents(JsonNode agents, List<FieldError> errors) {
        List<String> names = new ArrayList<>();
        if (agents.isTextual()) {
            for (String part : agents.asText().split(",")) {
                if (!part.isBlank()) {
                    names.add(part.trim());
                }
            }
        } else if (agents.isArray()) {
            for (JsonNode item : agents) {
                if (!item.isTextual()) {
                    errors.add(new FieldError("agents", "must be agent names"));
                    return null;
                }
                names.add(item.asText().trim());
            }
        } else {
            errors.add(new FieldError("agents", "must be an array of names or a comma-separated string"));
            return null;
        }
        return names;
    }

    private static Map<String, String> metadata(JsonNode metadata, String createdBy, List<FieldError> errors) {
        Map<String, String> values = new LinkedHashMap<>();
        if (metadata != null && !metadata.isNull()) {
            if (!metadata.isObject()) {
                errors.add(new FieldError("metadata", "must be an object"));
            } else if (metadata.size() > MAX_METADATA) {
                errors.add(new FieldError("metadata", "at most " + MAX_METADATA + " entries"));
            } else {
                for (Iterator<Map.Entry<String, JsonNode>> it = metadata.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> e = it.next();
                    JsonNode v = e.getValue();
                    if (!v.isValueNode() || v.isNull()) {
                        errors.add(new FieldError("metadata." + e.getKey(), "must be a string, number or boolean"));
                    } else if (v.asText().length() > MAX_METADATA_VALUE) {
                        errors.add(new FieldError("metadata." + e.getKey(), "at most " + MAX_METADATA_VALUE + " characters"));
                    } else {
                        values.put(e.getKey(), v.asText());
                    }
                }
            }
        }
        values.remove(CREATED_BY);
        values.remove(Callbacks.CALLBACK_URL);
        if (createdBy != null) {
            values.put(CREATED_BY, createdBy);
        }
        return values;
    }

    /** The spec's messages start with the field they concern ("rounds must be ..."). */
    private static String fieldOf(String message) {
        String first = message == null ? "" : message.split("[ :]", 2)[0];
        return first.matches("[a-z_]+") ? first : "body";
    }
}
