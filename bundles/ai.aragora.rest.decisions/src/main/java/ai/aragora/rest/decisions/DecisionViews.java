package ai.aragora.rest.decisions;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.aragora.api.storage.DecisionResult;

/** Decisions as the API shows them (API-CLIENTS.md, decisions). */
final class DecisionViews {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DecisionViews() {
    }

    /** What a submit or a retry answers. */
    static Map<String, Object> accepted(DecisionResult d) {
        Map<String, Object> view = status(d);
        view.put("decision_type", d.route());
        view.put("priority", d.priority());
        view.put("cached", d.cached());
        if (d.cachedFrom() != null) {
            view.put("cached_from", d.cachedFrom());
        }
        if (d.retriedFrom() != null) {
            view.put("retried_from", d.retriedFrom());
        }
        if (d.receiptId() != null) {
            view.put("receipt_id", d.receiptId());
        }
        view.put("created_at", d.createdAt().toString());
        return view;
    }

    static Map<String, Object> status(DecisionResult d) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("decision_id", d.id());
        view.put("request_id", d.id());
        view.put("status", d.status());
        return view;
    }

    static Map<String, Object> full(DecisionResult d) {
        Map<String, Object> view = accepted(d);
        JsonNode result = result(d);
        view.put("answer", result.path("answer").isTextual() ? result.path("answer").asText() : null);
        view.put("confidence", result.path("confidence").isNumber() ? result.path("confidence").asDouble() : null);
        view.put("consensus_reached", result.path("consensus_reached").asBoolean(false));
        view.put("success", "completed".equals(d.status()));
        view.put("error", d.error());
        view.put("workspace_id", d.workspaceId());
        view.put("input_digest", d.requestKey());
        view.put("policy_version", d.policyVersion());
        boolean ended = !"pending".equals(d.status()) && !"processing".equals(d.status());
        view.put("completed_at", ended ? d.decidedAt().toString() : null);
        view.put("duration_seconds", d.durationMillis() / 1000.0);
        Map<String, Object> inner = JSON.convertValue(result, Map.class);
        if (inner != null) {
            inner.remove("explanation");
        }
        view.put("result", inner == null || inner.isEmpty() ? null : inner);
        return view;
    }

    /** The explanation recorded with a completed decision; null when it has none. */
    static Map<String, Object> explanation(DecisionResult d) {
        JsonNode result = result(d);
        JsonNode explanation = result.path("explanation");
        if (!explanation.isObject()) {
            return null;
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("decision_id", d.id());
        view.put("debate_id", result.path("debate_id").asText(null));
        view.put("narrative", explanation.path("narrative").asText(""));
        view.put("confidence", result.path("confidence").asDouble(0));
        Map<String, Object> factors = JSON.convertValue(explanation, Map.class);
        factors.remove("narrative");
        view.put("factors", factors);
        view.put("cached", d.cached());
        view.put("cached_from", d.cachedFrom());
        view.put("generated_at", d.decidedAt().toString());
        return view;
    }

    private static JsonNode result(DecisionResult d) {
        try {
            return JSON.readTree(d.result());
        } catch (JsonProcessingException e) {
            return JSON.createObjectNode();
        }
    }
}
