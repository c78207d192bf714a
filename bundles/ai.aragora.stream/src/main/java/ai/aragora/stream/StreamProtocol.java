package ai.aragora.stream;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.aragora.api.event.DebateEvent;
import ai.aragora.api.event.EventType;
import ai.aragora.wire.DebateWire;

/**
 * The stream's wire format: what clients may send ({@code subscribe}, {@code unsubscribe},
 * {@code ping}) and the JSON of everything the server sends. A subscription names a debate
 * ({@code debate_id}), which may not exist yet, or {@code "scope":"org"}: every debate of the
 * client's org from its first event, for a client that starts debates and must miss nothing.
 */
final class StreamProtocol {

    private static final Pattern DEBATE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    sealed interface Request permits Subscribe, Unsubscribe, SubscribeOrg, UnsubscribeOrg, Ping, Invalid {
    }

    /** The only scope besides one debate. */
    static final String ORG = "org";

    record Subscribe(String debateId) implements Request {
    }

    record Unsubscribe(String debateId) implements Request {
    }

    record SubscribeOrg() implements Request {
    }

    record UnsubscribeOrg() implements Request {
    }

    record Ping() implements Request {
    }

    record Invalid(String message, String code) implements Request {
    }

    private final ObjectMapper mapper;

    StreamProtocol(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    Request parse(String text) {
        JsonNode node;
        try {
            node = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            return new Invalid("message is not valid JSON", "invalid_json");
        }
        if (node == null || !node.isObject()) {
            return new Invalid("message must be a JSON object", "invalid_message");
        }
        String type = node.path("type").asText("");
        switch (type) {
            case "subscribe":
            case "unsubscribe": {
                JsonNode scope = node.get("scope");
                if (scope != null && !scope.isNull()) {
                    if (!scope.isTextual() || !scope.asText().equals(ORG) || node.has("debate_id")) {
                        return new Invalid("'" + type + "' takes either a debate_id or \"scope\":\"org\"", "invalid_scope");
                    }
                    return type.equals("subscribe") ? new SubscribeOrg() : new UnsubscribeOrg();
                }
                JsonNode id = node.get("debate_id");
                if (id == null || !id.isTextual() || !DEBATE_ID.matcher(id.asText()).matches()) {
                    return new Invalid("'" + type + "' needs a debate_id of 1-128 letters, digits or . _ : -", "invalid_debate_id");
                }
                return type.equals("subscribe") ? new Subscribe(id.asText()) : new Unsubscribe(id.asText());
            }
            case "ping":
                return new Ping();
            case "":
                return new Invalid("message has no 'type'", "invalid_message");
            default:
                return new Invalid("unknown message type '" + clip(type) + "'", "unknown_type");
        }
    }

    String event(DebateEvent event) {
        return write(DebateWire.event(event));
    }

    /** The event as every client and instance gets it, with the debate's org ({@code orgId} null when unknown). */
    StreamEvent encode(DebateEvent event, String orgId) {
        return new StreamEvent(event.debateId(), orgId, event.seq(), event.type() == EventType.DEBATE_END, event(event));
    }

    String connectionInfo(String clientId, boolean authenticated, boolean writeAccess) {
        return message("connection_info", Map.of("authenticated", authenticated, "client_id", clientId,
                "write_access", writeAccess));
    }

    String subscribed(String debateId) {
        return write(Map.of("type", "subscribed", "debate_id", debateId));
    }

    String unsubscribed(String debateId) {
        return write(Map.of("type", "unsubscribed", "debate_id", debateId));
    }

    /** {@code org_id} null: an operator following every org. */
    String subscribedOrg(String orgId) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", "subscribed");
        json.put("scope", ORG);
        json.put("org_id", orgId);
        return write(json);
    }

    String unsubscribedOrg() {
        return write(Map.of("type", "unsubscribed", "scope", ORG));
    }

    String sync(Map<String, Object> state) {
        return message("sync", state);
    }

    String heartbeat(Instant now) {
        return write(Map.of("type", "heartbeat", "timestamp", now.toString()));
    }

    String pong(Instant now) {
        return write(Map.of("type", "pong", "timestamp", now.toString()));
    }

    String error(String message, String code) {
        return message("error", Map.of("message", message, "code", code));
    }

    private String message(String type, Map<String, Object> data) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", type);
        json.put("data", data);
        return write(json);
    }

    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stream messages are plain maps and always serialise", e);
        }
    }

    private static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
