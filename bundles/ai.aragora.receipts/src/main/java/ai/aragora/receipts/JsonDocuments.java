package ai.aragora.receipts;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Reading JSON strictly enough to canonicalise it, and writing it for people. */
final class JsonDocuments {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Duplicate members would make the canonical form depend on which one the parser kept. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private JsonDocuments() {
    }

    /** @throws IllegalArgumentException with the parser's location, never its stack */
    static JsonNode parse(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new IllegalArgumentException("no JSON value");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")"));
        }
    }

    static ObjectNode parseObject(String text) {
        JsonNode node = parse(text);
        if (!node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        return (ObjectNode) node;
    }

    /** Two-space indented, members in canonical order, numbers as in the canonical form. */
    static String pretty(JsonNode node) {
        StringBuilder out = new StringBuilder(1024);
        pretty(node, out, 0);
        return out.append('\n').toString();
    }

    private static void pretty(JsonNode node, StringBuilder out, int depth) {
        if (node.isObject() && node.size() > 0) {
            List<Map.Entry<String, JsonNode>> members = new ArrayList<>();
            node.fields().forEachRemaining(members::add);
            members.sort(Map.Entry.comparingByKey());
            out.append("{\n");
            for (int i = 0; i < members.size(); i++) {
                indent(out, depth + 1);
                CanonicalJson.string(members.get(i).getKey(), out);
                out.append(": ");
                pretty(members.get(i).getValue(), out, depth + 1);
                out.append(i + 1 < members.size() ? ",\n" : "\n");
            }
            indent(out, depth);
            out.append('}');
        } else if (node.isArray() && node.size() > 0) {
            out.append("[\n");
            Iterator<JsonNode> items = node.elements();
            while (items.hasNext()) {
                indent(out, depth + 1);
                pretty(items.next(), out, depth + 1);
                out.append(items.hasNext() ? ",\n" : "\n");
            }
            indent(out, depth);
            out.append(']');
        } else {
            out.append(CanonicalJson.text(node));
        }
    }

    private static void indent(StringBuilder out, int depth) {
        out.append("  ".repeat(depth));
    }
}
