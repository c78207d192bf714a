package ai.aragora.agents.llm.internal;

import java.util.regex.Pattern;

/** Keeps credentials out of messages: providers sometimes echo (part of) the key in their errors. */
final class Redaction {

    private static final Pattern KEY_LIKE = Pattern.compile("(sk-[A-Za-z0-9_-]{6,}|xai-[A-Za-z0-9_-]{6,}|AIza[A-Za-z0-9_-]{6,}|Bearer\\s+\\S+)");
    private static final Pattern LINE_BREAKS = Pattern.compile("[\\r\\n\\t]+");
    private static final int MAX = 300;

    private Redaction() {
    }

    static String clean(String message, String apiKey) {
        if (message == null) {
            return "";
        }
        String text = message;
        if (apiKey != null && apiKey.length() >= 4) {
            text = text.replace(apiKey, "[redacted]");
        }
        text = LINE_BREAKS.matcher(KEY_LIKE.matcher(text).replaceAll("[redacted]")).replaceAll(" ").trim();
        return text.length() > MAX ? text.substring(0, MAX) + "..." : text;
    }
}
