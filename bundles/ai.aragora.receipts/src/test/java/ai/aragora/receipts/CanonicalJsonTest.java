package ai.aragora.receipts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

class CanonicalJsonTest {

    /** RFC 8785 section 3.2.2's example, byte for byte. */
    @Test
    void rfc8785Example() {
        String input = "{\"numbers\": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],"
                + " \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\","
                + " \"literals\": [null, true, false]}";
        assertThat(CanonicalJson.text(JsonDocuments.parse(input))).isEqualTo(
                "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                        + "\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
    }

    /** RFC 8785 section 3.2.3: members sorted by UTF-16 code units, so the emoji sorts before U+FB33. */
    @Test
    void sortsByUtf16CodeUnits() {
        String input = "{\"\\u20ac\":\"Euro Sign\",\"\\r\":\"Carriage Return\",\"\\ufb33\":\"Hebrew Letter Dalet With Dagesh\","
                + "\"1\":\"One\",\"\\ud83d\\ude00\":\"Emoji: Grinning Face\",\"\\u0080\":\"Control\",\"\\u00f6\":\"Latin Small Letter O With Diaeresis\"}";
        String canonical = CanonicalJson.text(JsonDocuments.parse(input));
        assertThat(canonical).startsWith("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
                + "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
    }

    @Test
    void escapesControlCharactersMinimally() {
        ObjectNode node = JsonDocuments.NODES.objectNode();
        node.put("s", "\u0000\u0001\u0007\b\t\n\u000b\f\r\u001f \u007f\u2028\"\\/é");
        assertThat(CanonicalJson.text(node))
                .isEqualTo("{\"s\":\"\\u0000\\u0001\\u0007\\b\\t\\n\\u000b\\f\\r\\u001f \u007f\u2028\\\"\\\\/é\"}");
    }

    @Test
    void rejectsLoneSurrogates() {
        for (String s : new String[] {"\ud800", "a\udc00b", "\ud83d", "\ude00\ud83d"}) {
            ObjectNode node = JsonDocuments.NODES.objectNode();
            node.put("s", s);
            assertThatThrownBy(() -> CanonicalJson.text(node)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("lone surrogate");
            ObjectNode key = JsonDocuments.NODES.objectNode();
            key.put(s, 1);
            assertThatThrownBy(() -> CanonicalJson.text(key)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(CanonicalJson.text(JsonDocuments.parse("\"\\ud83d\\ude00\""))).isEqualTo("\"\ud83d\ude00\"");
    }

    @Test
    void rejectsNonFiniteNumbersAndDuplicateMembers() {
        ArrayNode node = JsonDocuments.NODES.arrayNode().add(Double.NaN);
        assertThatThrownBy(() -> CanonicalJson.text(node)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CanonicalJson.text(JsonDocuments.parse("[1e400]"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonDocuments.parse("{\"a\":1,\"a\":2}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonDocuments.parse("[NaN]")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void integersBeyondDoublePrecisionBecomeTheNearestDouble() {
        assertThat(CanonicalJson.text(JsonDocuments.parse("[9007199254740993, -0, -0.0, 100000000000000000000000, 1.0]")))
                .isEqualTo("[9007199254740992,0,0,1e+23,1]");
    }

    /** Property: canonical form is a fixed point and independent of member order and whitespace. */
    @Test
    void canonicalFormIsStableUnderReparsingAndReordering() {
        Random random = new Random(42);
        for (int i = 0; i < 500; i++) {
            JsonNode tree = randomValue(random, 0);
            String canonical = CanonicalJson.text(tree);
            assertThat(CanonicalJson.text(JsonDocuments.parse(canonical))).isEqualTo(canonical);
            assertThat(CanonicalJson.text(JsonDocuments.parse(JsonDocuments.pretty(tree)))).isEqualTo(canonical);
            assertThat(CanonicalJson.text(reversed(tree))).isEqualTo(canonical);
            assertThat(new String(CanonicalJson.bytes(tree), StandardCharsets.UTF_8)).isEqualTo(canonical);
        }
    }

    private static JsonNode randomValue(Random r, int depth) {
        int kind = depth > 3 ? r.nextInt(4) : r.nextInt(6);
        switch (kind) {
            case 0:
                return JsonDocuments.NODES.numberNode(r.nextBoolean() ? r.nextGaussian() * Math.pow(10, r.nextInt(40) - 20) : r.nextInt());
            case 1:
                return JsonDocuments.NODES.textNode(randomString(r));
            case 2:
                return JsonDocuments.NODES.booleanNode(r.nextBoolean());
            case 3:
                return JsonDocuments.NODES.nullNode();
            case 4: {
                ArrayNode a = JsonDocuments.NODES.arrayNode();
                for (int i = r.nextInt(4); i > 0; i--) {
                    a.add(randomValue(r, depth + 1));
                }
                return a;
            }
            default: {
                ObjectNode o = JsonDocuments.NODES.objectNode();
                for (int i = r.nextInt(5); i > 0; i--) {
                    o.set(randomString(r), randomValue(r, depth + 1));
                }
                return o;
            }
        }
    }

    private static String randomString(Random r) {
        StringBuilder s = new StringBuilder();
        String pool = "aZ09 \"\\/\n\t\u0001\u001f\u00e9\u20ac\ufb33";
        for (int i = r.nextInt(6); i > 0; i--) {
            if (r.nextInt(8) == 0) {
                s.appendCodePoint(0x1F600 + r.nextInt(50));
            } else {
                s.append(pool.charAt(r.nextInt(pool.length())));
            }
        }
        return s.toString();
    }

    private static JsonNode reversed(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = JsonDocuments.NODES.objectNode();
            java.util.List<String> names = new java.util.ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            java.util.Collections.reverse(names);
            names.forEach(n -> out.set(n, reversed(node.get(n))));
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonDocuments.NODES.arrayNode();
            node.forEach(n -> out.add(reversed(n)));
            return out;
        }
        return node;
    }

    /** Leaving a member out and filling it back in gives what canonicalising the whole gives. */
    @Test
    void aMemberLeftOutAndFilledBackIsTheWholeCanonicalForm() {
        for (String json : List.of("{\"m\":[1],\"a\":1,\"z\":2}", "{\"a\":1,\"m\":{\"x\":[]}}", "{\"m\":\"v\",\"z\":{}}",
                "{\"m\":[]}", "{\"\u00e9\":1,\"m\":2,\"M\":3}")) {
            ObjectNode node = JsonDocuments.parseObject(json);
            CanonicalJson.Gap gap = CanonicalJson.without(node, "m");
            ObjectNode rest = node.deepCopy();
            JsonNode member = rest.remove("m");
            assertThat(gap.text()).as(json).isEqualTo(CanonicalJson.text(rest));
            assertThat(gap.filled(member)).as(json).isEqualTo(CanonicalJson.text(node));
        }
    }
}
