package ai.aragora.decisions;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import ai.aragora.api.storage.DecisionResult;

/**
 * What a running decision's row says while it runs: its debate and when it started, as the
 * result until the real one replaces it. Clients can watch that debate; an instance that takes
 * the decision over follows it to its end, on whichever instance finishes it.
 */
record Progress(String debateId, Instant startedAt) {

    static final String DEBATE_ID = "debate_id";
    static final String STARTED_AT = "started_at";

    String text() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(DEBATE_ID, debateId);
        fields.put(STARTED_AT, startedAt.toString());
        return StoredRequests.text(fields);
    }

    /** The progress a processing row states; null when it states none (it never started a debate). */
    static Progress of(DecisionResult row) {
        try {
            JsonNode result = StoredRequests.JSON.readTree(row.result());
            JsonNode debate = result.get(DEBATE_ID);
            JsonNode started = result.get(STARTED_AT);
            if (debate == null || !debate.isTextual()) {
                return null;
            }
            return new Progress(debate.asText(), started == null ? row.createdAt() : Instant.parse(started.asText()));
        } catch (java.io.IOException | java.time.DateTimeException e) {
            return null;
        }
    }
}
