package ai.aragora.agents.llm;

import java.net.http.HttpRequest;

import com.fasterxml.jackson.databind.JsonNode;

import ai.aragora.api.agent.AgentException;

/**
 * A provider's wire protocol and nothing else: the request (path, headers, body) out, the text
 * and usage in. Transport, deadlines, retries and error statuses are handled around it.
 */
public interface ChatProtocol {

    /** The request for {@code request} at {@code endpoint}, without timeout (the caller sets it). */
    HttpRequest.Builder request(Endpoint endpoint, ChatRequest request);

    /** The reply in a successful non-streamed response; throws {@link AgentException} (e.g. REFUSED). */
    ChatReply reply(JsonNode body, ChatRequest request) throws AgentException;

    /** A decoder for a streamed response, or null when this protocol does not stream. */
    StreamDecoder streamDecoder(ChatRequest request);

    /** The provider's human-readable error message in an error response, or null. */
    default String errorMessage(JsonNode body) {
        JsonNode error = body.path("error");
        if (error.isTextual()) {
            return error.asText();
        }
        JsonNode message = error.path("message");
        if (message.isTextual()) {
            return message.asText();
        }
        // Some servers answer {"message": ...} without an error object.
        return body.path("message").isTextual() ? body.path("message").asText() : null;
    }

    /**
     * The failure kind for an error response when the status alone would mislead (a provider
     * that answers 400 to a bad key), or null for the usual mapping.
     */
    default AgentException.Kind errorKind(int status, JsonNode body) {
        return null;
    }

    /** Whether an error response says the account's quota or credit is exhausted (never worth a retry). */
    default boolean quotaExhausted(int status, JsonNode body) {
        String text = body.toString().toLowerCase(java.util.Locale.ROOT);
        return status == 402 || text.contains("insufficient_quota") || text.contains("billing")
                || text.contains("credit balance") || text.contains("quota exceeded") || text.contains("exceeded your current quota");
    }
}
