package ai.aragora.decisions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.aragora.api.debate.ConsensusMode;
import ai.aragora.api.decision.DecisionRequest;
import ai.aragora.api.decision.DecisionType;
import ai.aragora.api.decision.Priority;

/**
 * A request as the audit trail keeps it (the {@code request} column): everything a retry or a
 * replay needs to ask the same again, in the API's field names.
 */
final class StoredRequests {

    static final ObjectMapper JSON = new ObjectMapper();

    private StoredRequests() {
    }

    static String write(DecisionRequest r) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("agents", r.agents());
        config.put("rounds", r.rounds());
        config.put("consensus", r.consensus() == null ? null : r.consensus().wire());
        config.put("seed", r.seed());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("input", r.input());
        body.put("decision_type", r.type().wire());
        body.put("priority", r.priority().wire());
        body.put("context", r.context());
        body.put("config", config);
        body.put("callback_url", r.callbackUrl());
        body.put("workspace_id", r.workspace());
        body.put("use_cache", r.useCache());
        body.put("created_by", r.createdBy());
        return text(body);
    }

    static DecisionRequest read(String stored, String orgId) {
        JsonNode body;
        try {
            body = JSON.readTree(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the stored request is not JSON: " + e.getOriginalMessage());
        }
        JsonNode config = body.path("config");
        List<String> agents = new ArrayList<>();
        config.path("agents").forEach(a -> agents.add(a.asText()));
        String consensus = config.path("consensus").isTextual() ? config.path("consensus").asText() : null;
        return new DecisionRequest(body.path("input").asText(), DecisionType.parse(body.path("decision_type").asText()),
                Priority.parse(body.path("priority").asText()), body.path("context").asText(""), agents,
                config.path("rounds").asInt(0), consensus == null ? null : ConsensusMode.parse(consensus),
                config.path("seed").asLong(0), body.path("callback_url").isTextual() ? body.path("callback_url").asText() : null,
                orgId, body.path("workspace_id").asText(null), body.path("use_cache").asBoolean(true),
                body.path("created_by").isTextual() ? body.path("created_by").asText() : null);
    }

    static String text(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not representable as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
