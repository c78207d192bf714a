package ai.aragora.rest.debates;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.debate.Message;
import ai.aragora.wire.DebateWire;

/**
 * A finished debate as a file: JSON (the full result), CSV (the transcript, safe to open in a
 * spreadsheet), Markdown, HTML (everything agents wrote is escaped) or plain text.
 */
final class DebateExports {

    enum Format {
        JSON("application/json"), CSV("text/csv; charset=utf-8"), MD("text/markdown; charset=utf-8"),
        HTML("text/html; charset=utf-8"), TXT("text/plain; charset=utf-8");

        final String contentType;

        Format(String contentType) {
            this.contentType = contentType;
        }

        static Optional<Format> parse(String raw) {
            for (Format f : values()) {
                if (f.name().equals(raw == null ? "" : raw.trim().toUpperCase(Locale.ROOT))) {
                    return Optional.of(f);
                }
            }
            return Optional.empty();
        }

        String extension() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DebateExports() {
    }

    static String render(DebateResult r, Format format) {
        switch (format) {
            case JSON:
                return json(DebateWire.result(r, true));
            case CSV:
                return csv(r);
            case MD:
                return markdown(r);
            case HTML:
                return html(r);
            default:
                return text(r);
        }
    }

    private static String json(Map<String, Object> view) {
        try {
            return JSON.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("debate views are plain maps and always serialise", e);
        }
    }

    static String csv(DebateResult r) {
        StringBuilder sb = new StringBuilder("index,round,role,agent,timestamp,content\r\n");
        for (Message m : r.messages()) {
            sb.append(m.index()).append(',').append(m.round()).append(',').append(cell(m.role())).append(',')
                    .append(cell(m.agent())).append(',').append(cell(m.timestamp().toString())).append(',')
                    .append(cell(m.content())).append("\r\n");
        }
        return sb.toString();
    }

    /** RFC 4180 quoting, and no cell a spreadsheet would run as a formula. */
    static String cell(String value) {
        if (value == null) {
            return "";
        }
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }

    private static String markdown(DebateResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(oneLine(r.spec().task())).append("\n\n");
        sb.append("- **Status:** ").append(r.status().wire()).append('\n');
        sb.append("- **Verdict:** ").append(r.verdict() == null ? "none" : r.verdict().wire()).append('\n');
        sb.append("- **Confidence:** ").append(String.format(Locale.ROOT, "%.2f", r.confidence())).append('\n');
        sb.append("- **Rounds:** ").append(r.roundsUsed()).append('\n');
        sb.append("- **Receipt:** ").append(r.receiptId() == null ? "none" : r.receiptId()).append("\n\n");
        sb.append("## Final answer\n\n").append(r.finalAnswer() == null ? "_none_" : r.finalAnswer()).append("\n\n");
        sb.append("## Transcript\n\n");
        for (Message m : r.messages()) {
            sb.append("### Round ").append(m.round()).append(" · ").append(m.role()).append(" · ")
                    .append(m.agent() == null ? "engine" : m.agent()).append("\n\n").append(m.content()).append("\n\n");
        }
        return sb.toString();
    }

    private static String html(DebateResult r) {
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
                .append(escape(oneLine(r.spec().task()))).append("</title></head><body>\n");
        sb.append("<h1>").append(escape(r.spec().task())).append("</h1>\n<dl>");
        sb.append("<dt>Status</dt><dd>").append(escape(r.status().wire())).append("</dd>");
        sb.append("<dt>Verdict</dt><dd>").append(escape(r.verdict() == null ? "none" : r.verdict().wire())).append("</dd>");
        sb.append("<dt>Confidence</dt><dd>").append(String.format(Locale.ROOT, "%.2f", r.confidence())).append("</dd>");
        sb.append("<dt>Receipt</dt><dd>").append(escape(r.receiptId() == null ? "none" : r.receiptId())).append("</dd></dl>\n");
        sb.append("<h2>Final answer</h2>\n<p>").append(escape(r.finalAnswer() == null ? "none" : r.finalAnswer())).append("</p>\n");
        sb.append("<h2>Transcript</h2>\n");
        for (Message m : r.messages()) {
            sb.append("<section><h3>Round ").append(m.round()).append(" &middot; ").append(escape(m.role()))
                    .append(" &middot; ").append(escape(m.agent() == null ? "engine" : m.agent())).append("</h3><p>")
                    .append(escape(m.content())).append("</p></section>\n");
        }
        return sb.append("</body></html>\n").toString();
    }

    private static String text(DebateResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append("Task: ").append(r.spec().task()).append('\n');
        sb.append("Status: ").append(r.status().wire()).append('\n');
        sb.append("Verdict: ").append(r.verdict() == null ? "none" : r.verdict().wire()).append('\n');
        sb.append("Final answer: ").append(r.finalAnswer() == null ? "none" : r.finalAnswer()).append("\n\n");
        for (Message m : r.messages()) {
            sb.append('[').append(m.round()).append("] ").append(m.agent() == null ? "engine" : m.agent())
                    .append(" (").append(m.role()).append("): ").append(m.content()).append('\n');
        }
        return sb.toString();
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<': sb.append("&lt;"); break;
                case '>': sb.append("&gt;"); break;
                case '&': sb.append("&amp;"); break;
                case '"': sb.append("&quot;"); break;
                case '\'': sb.append("&#39;"); break;
                default: sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String oneLine(String s) {
        String line = s.replaceAll("\\s+", " ").trim();
        return line.length() > 120 ? line.substring(0, 120) + "..." : line;
    }
}
