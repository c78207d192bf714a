package ai.aragora.webhooks.slack;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A delivery as a Slack incoming-webhook message: one line a person can read (what happened,
 * the verdict, how confident, who won, the receipt) and a link to the debate when the server's
 * public URL is known. {@code text} carries it all, so it also shows in notifications.
 */
final class SlackMessages {

    private SlackMessages() {
    }

    static Map<String, Object> of(Map<String, Object> payload, String publicUrl) {
        String type = String.valueOf(payload.get("event_type"));
        Map<?, ?> data = payload.get("data") instanceof Map<?, ?> m ? m : Map.of();
        String debate = data.get("debate_id") instanceof String id ? id : null;
        StringBuilder text = new StringBuilder(headline(type, data));
        if (data.get("verdict") != null) {
            text.append("\n*Verdict:* ").append(escape(String.valueOf(data.get("verdict"))));
        }
        if (data.get("confidence") instanceof Number c) {
            text.append("\n*Confidence:* ").append(String.format(Locale.ROOT, "%.0f%%", c.doubleValue() * 100));
        }
        if (data.get("winner") != null) {
            text.append("\n*Winner:* ").append(escape(String.valueOf(data.get("winner"))));
        }
        if (data.get("receipt_id") != null) {
            text.append("\n*Receipt:* ").append(escape(String.valueOf(data.get("receipt_id"))));
        }
        if (debate != null) {
            if (publicUrl != null && !publicUrl.isBlank()) {
                String base = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
                text.append("\n<").append(base).append("/api/v1/debates/").append(debate).append("|View debate ")
                        .append(escape(debate)).append('>');
            } else {
                text.append("\n*Debate:* ").append(escape(debate));
            }
        }
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("text", text.toString());
        message.put("blocks", List.of(Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", text.toString()))));
        return message;
    }

    private static String headline(String type, Map<?, ?> data) {
        return switch (type) {
            case "debate.completed" -> ":white_check_mark: *Decision reached*";
            case "debate.failed" -> ":x: *Debate ended without a decision* (" + escape(String.valueOf(data.get("status"))) + ")";
            case "debate.cancelled" -> ":no_entry_sign: *Debate cancelled*";
            case "debate.started" -> ":speech_balloon: *Debate started*"
                    + (data.get("task") instanceof String t ? ": " + escape(t) : "");
            case "consensus.reached" -> ":handshake: *Consensus reached*";
            case "receipt.created" -> ":receipt: *Decision receipt issued*";
            case "webhook.test" -> ":wave: *Test message from Aragora*";
            default -> "*" + escape(type) + "*";
        };
    }

    /** Slack's three control characters in mrkdwn. */
    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
