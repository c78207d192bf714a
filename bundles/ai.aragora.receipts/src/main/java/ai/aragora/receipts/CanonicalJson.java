package ai.aragora.receipts;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * RFC 8785 JSON Canonicalization Scheme: members sorted by UTF-16 code units (what
 * {@link String#compareTo} compares), numbers as ECMAScript prints them, strings minimally
 * escaped, no whitespace, UTF-8. Input outside I-JSON (NaN, Infinity, lone surrogates) is
 * rejected rather than given bytes another implementation would not produce.
 */
final class CanonicalJson {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    /** Beyond this a thread's buffer is not kept for its next document. */
    private static final int KEPT_CAPACITY = 1 << 18;
    /**
     * Each thread's buffer: a receipt canonicalises its decision record and its document, several
     * kilobytes each, and a fresh builder that grows to that size was ~10 % of all the bytes the
     * 10,000 x 1 s benchmark allocated (decision 0014, 2026-12-07 (afternoon)).
     */
    private static final ThreadLocal<StringBuilder> BUFFER = ThreadLocal.withInitial(() -> new StringBuilder(8192));

    private CanonicalJson() {
    }

    static byte[] bytes(JsonNode node) {
        return text(node).getBytes(StandardCharsets.UTF_8);
    }

    static String text(JsonNode node) {
        StringBuilder out = buffer();
        try {
            write(node, out);
            return out.toString();
        } finally {
            release(out);
        }
    }

    /**
     * The canonical form of an object without one of its members, as if it had been removed, and
     * where that member would go: a signed document is its unsigned form with the signatures
     * filled in, so it need not be canonicalised twice.
     */
    static Gap without(ObjectNode node, String member) {
        StringBuilder out = buffer();
        try {
            int at = object(node, member, out);
            return new Gap(out.toString(), member, at);
        } finally {
            release(out);
        }
    }

    private static StringBuilder buffer() {
        StringBuilder out = BUFFER.get();
        // taken while in use, so that a nested call would get a builder of its own
        BUFFER.set(null);
        return out != null ? out : new StringBuilder(8192);
    }

    private static void release(StringBuilder out) {
        if (out.capacity() <= KEPT_CAPACITY) {
            out.setLength(0);
            BUFFER.set(out);
        } else {
            BUFFER.remove();
        }
    }

    /** @return where {@code without} would have been written, or -1 when it is not a member */
    private static int object(JsonNode node, String without, StringBuilder out) {
        String[] names = new String[node.size()];
        int count = 0;
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!name.equals(without)) {
                names[count++] = name;
            }
        }
        Arrays.sort(names, 0, count);
        int gap = without == null ? -1 : out.length() + 1;
        out.append('{');
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                out.append(',');
            }
            string(names[i], out);
            out.append(':');
            write(node.get(names[i]), out);
            if (gap > 0 && names[i].compareTo(without) < 0) {
                gap = out.length();
            }
        }
        out.append('}');
        return gap;
    }

    /** A canonical object with one member left out, and the offset where it belongs. */
    record Gap(String text, String member, int at) {

        String sha256() {
            return Sha256.hex(text);
        }

        /** The canonical object with the member put back as {@code value}. */
        String filled(JsonNode value) {
            StringBuilder out = buffer();
            try {
                return filled(value, out);
            } finally {
                release(out);
            }
        }

        private String filled(JsonNode value, StringBuilder out) {
            out.append(text, 0, at);
            boolean first = text.charAt(at - 1) == '{';
            boolean last = text.charAt(at) == '}';
            if (!first) {
                out.append(',');
            }
            string(member, out).append(':');
            write(value, out);
            if (first && !last) {
                out.append(',');
            }
            return out.append(text, at, text.length()).toString();
        }
    }

    private static void write(JsonNode node, StringBuilder out) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                object(node, null, out);
            }
            case ARRAY -> {
                out.append('[');
                Iterator<JsonNode> items = node.elements();
                boolean first = true;
                while (items.hasNext()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    write(items.next(), out);
                }
                out.append(']');
            }
            case STRING -> string(node.textValue(), out);
            case NUMBER -> out.append(EcmaScriptNumbers.toString(node.doubleValue()));
            case BOOLEAN -> out.append(node.booleanValue() ? "true" : "false");
            case NULL -> out.append("null");
            default -> throw new IllegalArgumentException("not a JSON value: " + node.getNodeType());
        }
    }

    static StringBuilder string(String value, StringBuilder out) {
        out.append('"');
        int plain = 0;
        while (plain < value.length() && needsNoCare(value.charAt(plain))) {
            plain++;
        }
        if (plain == value.length()) {
            // whole: a range append copies char by char
            return out.append(value).append('"');
        }
        out.append(value, 0, plain);
        for (int i = plain; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    } else if (Character.isHighSurrogate(c)) {
                        if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                            throw loneSurrogate(c, i);
                        }
                        out.append(c).append(value.charAt(++i));
                    } else if (Character.isLowSurrogate(c)) {
                        throw loneSurrogate(c, i);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }

    private static boolean needsNoCare(char c) {
        return c >= 0x20 && c != '"' && c != '\\' && !Character.isSurrogate(c);
    }

    private static IllegalArgumentException loneSurrogate(char c, int index) {
        return new IllegalArgumentException(String.format(
                "string has a lone surrogate U+%04X at index %d: not valid Unicode, so not I-JSON (RFC 8785)", (int) c, index));
    }
}
