package ai.aragora.agents.llm.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Strict JSON for the wire, a lenient reader for what models write. */
final class Json {

    static final ObjectMapper STRICT = JsonMapper.builder().build();

    static final ObjectMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA, JsonReadFeature.ALLOW_SINGLE_QUOTES,
                    JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES, JsonReadFeature.ALLOW_JAVA_COMMENTS,
                    JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS, JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(JsonParser.Feature.IGNORE_UNDEFINED)
            .build();

    private Json() {
    }

    /** A new object node for a request body. */
    static ObjectNode object() {
        return STRICT.createObjectNode();
    }

    /** A streamed event's JSON payload; anything else is an unparseable answer. */
    static JsonNode event(String data) {
        try {
            return STRICT.readTree(data);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ai.aragora.api.agent.AgentException(ai.aragora.api.agent.AgentException.Kind.UNPARSEABLE,
                    "a stream event is not JSON");
        }
    }

    static String write(JsonNode node) {
        return node.toString();
    }
}
