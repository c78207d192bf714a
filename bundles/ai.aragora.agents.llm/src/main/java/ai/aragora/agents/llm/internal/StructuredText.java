package ai.aragora.agents.llm.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Finds structure in what a model wrote: a JSON object (bare, fenced in a code block, or
 * surrounded by prose), or labelled lines such as {@code CHOICE: x} and {@code CONFIDENCE: 0.8}.
 */
final class StructuredText {

    private static final Pattern FENCE = Pattern.compile("```(?:json|JSON)?\\s*\\n?(.*?)```", Pattern.DOTALL);
    private static final Pattern LABEL = Pattern.compile("^[\\s>*#_`\"'-]*([A-Za-z][A-Za-z _]{1,30}?)[\"'\\s*_`]*[:=]\\s*(.*)$");
    /** Quotes and a trailing comma around a value: what is left of JSON too broken to parse. */
    private static final Pattern WRAPPING = Pattern.compile("^[\"']|[\"']?,?\\s*$");
    private static final Pattern NUMBER = Pattern.compile("(-?\\d+(?:\\.\\d+)?)\\s*(%|/\\s*(\\d+(?:\\.\\d+)?))?");
    private static final Pattern LINE_BREAK = Pattern.compile("\\R");
    private static final Pattern BULLET = Pattern.compile("^\\s*(?:[-*\u2022]|\\d+[.)])\\s*");
    /** How many times the text's length failed object parses may read in all. */
    private static final int PARSE_BUDGET = 4;

    private StructuredText() {
    }

    /** The first JSON object in the text, read leniently. */
    static Optional<JsonNode> json(String text) {
        Matcher fenced = FENCE.matcher(text);
        while (fenced.find()) {
            Optional<JsonNode> node = object(fenced.group(1));
            if (node.isPresent()) {
                return node;
            }
        }
        // One parse per '{', each reading only as far as its object ends or breaks; and since
        // nested unclosed objects could make every parse read to the end, failed parses may read
        // only a few times the text in all.
        char[] chars = text.toCharArray();
        long budget = (long) PARSE_BUDGET * chars.length;
        for (int start = text.indexOf('{'); start >= 0 && budget > 0; start = text.indexOf('{', start + 1)) {
            try (JsonParser parser = Json.LENIENT.getFactory().createParser(chars, start, chars.length - start)) {
                JsonNode node = Json.LENIENT.readTree(parser);
                if (node != null && node.isObject()) {
                    return Optional.of(node);
                }
            } catch (IOException e) {
                budget -= read(e, chars.length - start);
            }
        }
        return Optional.empty();
    }

    /** How far a failed parse read: up to where it broke (its location counts from its start), or all there was. */
    private static long read(IOException e, int available) {
        long offset = e instanceof JsonProcessingException p && p.getLocation() != null ? p.getLocation().getCharOffset() : -1;
        return offset < 0 ? available : Math.max(1, offset + 1);
    }

    private static Optional<JsonNode> object(String candidate) {
        try {
            JsonNode node = Json.LENIENT.readTree(candidate.trim());
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /**
     * Labelled lines by upper-case label ({@code FINAL ANSWER}); a label's value continues over
     * the unlabelled lines that follow it.
     */
    static Map<String, String> labels(String text, List<String> known) {
        Map<String, String> values = new LinkedHashMap<>();
        String current = null;
        for (String line : LINE_BREAK.split(text)) {
            Matcher m = LABEL.matcher(line);
            String label = m.matches() ? m.group(1).trim().replace('_', ' ').toUpperCase(Locale.ROOT) : null;
            if (label != null && known.contains(label)) {
                current = label;
                values.merge(current, WRAPPING.matcher(m.group(2).trim()).replaceAll(""), (a, b) -> a + "\n" + b);
            } else if (current != null && !line.isBlank()) {
                values.merge(current, line.trim(), (a, b) -> a.isEmpty() ? b : a + "\n" + b);
            }
        }
        return values;
    }

    /** Bullet or numbered items, or the whole value as one item. */
    static List<String> items(String value) {
        List<String> items = new ArrayList<>();
        if (value == null) {
            return items;
        }
        for (String line : LINE_BREAK.split(value)) {
            String item = BULLET.matcher(line).replaceFirst("").trim();
            if (!item.isEmpty() && !item.equalsIgnoreCase("none")) {
                items.add(item);
            }
        }
        return items;
    }

    /** A number on a 0..scale scale from "0.8", "80%", "8/10", or a word; null if none. */
    static Double fraction(String value, double scale) {
        if (value == null) {
            return null;
        }
        String v = value.toLowerCase(Locale.ROOT);
        Matcher m = NUMBER.matcher(v);
        if (m.find()) {
            double n = Double.parseDouble(m.group(1));
            if ("%".equals(m.group(2))) {
                n = n / 100 * scale;
            } else if (m.group(3) != null) {
                n = n / Double.parseDouble(m.group(3)) * scale;
            } else if (n > scale && n <= 100) {
                n = n / 100 * scale;
            }
            return Math.max(0, Math.min(scale, n));
        }
        if (v.contains("very high") || v.contains("certain")) {
            return 0.9 * scale;
        }
        if (v.contains("high")) {
            return 0.8 * scale;
        }
        if (v.contains("medium") || v.contains("moderate")) {
            return 0.5 * scale;
        }
        if (v.contains("low")) {
            return 0.2 * scale;
        }
        return null;
    }

    static Boolean yesNo(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.startsWith("yes") || v.startsWith("true") || v.startsWith("continue")) {
            return true;
        }
        if (v.startsWith("no") || v.startsWith("false") || v.startsWith("stop")) {
            return false;
        }
        return null;
    }

    /** A JSON value as text: strings as they are, numbers and booleans printed, null for absent. */
    static String text(JsonNode node, String... names) {
        for (String name : names) {
            JsonNode v = node.get(name);
            if (v != null && !v.isNull() && !v.isContainerNode()) {
                return v.asText();
            }
        }
        return null;
    }

    static List<String> strings(JsonNode node, String... names) {
        List<String> out = new ArrayList<>();
        for (String name : names) {
            JsonNode v = node.get(name);
            if (v != null && v.isArray()) {
                v.forEach(item -> {
                    String s = item.isTextual() ? item.asText() : item.toString();
                    if (!s.isBlank()) {
                        out.add(s.trim());
                    }
                });
                return out;
            }
            if (v != null && v.isTextual()) {
                return items(v.asText());
            }
        }
        return out;
    }
}
