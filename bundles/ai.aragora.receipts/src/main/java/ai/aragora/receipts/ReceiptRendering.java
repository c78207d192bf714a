package ai.aragora.receipts;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.aragora.api.receipt.ChainEntry;
import ai.aragora.api.receipt.ExportFormat;
import ai.aragora.api.receipt.ReceiptExport;

/**
 * A receipt for machines (the ODR document, Aragora's full JSON) and for people (Markdown,
 * HTML). The human forms say what was decided, by whom, with what dissent, and how to verify it;
 * every text from the debate is escaped, since agents write whatever they like.
 */
final class ReceiptRendering {

    private ReceiptRendering() {
    }

    static ReceiptExport render(ObjectNode document, Optional<ObjectNode> decision, Optional<ChainEntry> entry, ExportFormat format) {
        String id = document.path("receipt_id").asText("receipt");
        String base = id.replaceAll("[^A-Za-z0-9._-]", "_");
        String body = switch (format) {
            case ODR -> JsonDocuments.pretty(document);
            case JSON -> JsonDocuments.pretty(full(document, decision, entry));
            case MD -> markdown(new View(document, decision, entry));
            case HTML -> html(new View(document, decision, entry));
        };
        return new ReceiptExport(format, base + "." + format.extension(), body);
    }

    private static ObjectNode full(ObjectNode document, Optional<ObjectNode> decision, Optional<ChainEntry> entry) {
        ObjectNode out = JsonDocuments.NODES.objectNode();
        out.put("receipt_id", document.path("receipt_id").asText());
        out.put("odr_version", document.path("odr_version").asText());
        out.put("odr_digest", OdrSignatures.digest(document));
        entry.ifPresent(e -> out.set("chain_entry", HashChain.json(e)));
        decision.ifPresent(d -> out.set("decision", d));
        out.set("odr", document);
        return out;
    }

    /** What the human forms show, read once from the document and the record. */
    private record View(String id, String version, String digest, String issuedAt, String subject, String question,
            String verdict, String answer, String reasoning, String method, boolean reached, String confidence,
            List<List<String>> participants, List<List<String>> dissent, List<List<String>> findings, List<String> cruxes,
            List<List<String>> calibration, List<String> keyIds, Optional<ChainEntry> entry, List<List<String>> facts) {

        View(ObjectNode doc, Optional<ObjectNode> decision, Optional<ChainEntry> entry) {
            this(doc.path("receipt_id").asText(), doc.path("odr_version").asText(), OdrSignatures.digest(doc),
                    doc.path("issued_at").asText("not recorded"), doc.path("subject").path("identifier").asText(),
                    doc.path("subject").path("summary").asText(doc.path("subject").path("identifier").asText()),
                    doc.path("claim").path("verdict").asText(), textOrAbsent(doc.path("claim").path("statement")),
                    doc.path("reasoning").path("status").asText().equals("present")
                            ? doc.path("reasoning").path("summary").asText() : "absent: " + doc.path("reasoning").path("reason").asText(),
                    doc.path("quorum").path("method").asText("absent"), doc.path("quorum").path("reached").asBoolean(),
                    confidence(doc.path("confidence")), participants(doc.path("quorum")), dissent(doc.path("quorum").path("dissent")),
                    findings(doc.path("quorum").path("dissent").path("findings")), cruxes(doc.path("cruxes")),
                    calibration(doc.path("confidence").path("calibration")), keyIds(doc.path("signatures")), entry, facts(decision));
        }

        private static String textOrAbsent(JsonNode node) {
            return node.isTextual() ? node.textValue() : "absent: " + node.path("reason").asText();
        }

        private static String confidence(JsonNode c) {
            if (!c.path("status").asText().equals("present")) {
                return "absent: " + c.path("reason").asText();
            }
            String calibrated = c.path("calibration").path("status").asText().equals("present") ? "calibrated" : "uncalibrated";
            return EcmaScriptNumbers.toString(c.path("value").doubleValue()) + " (" + calibrated + ")";
        }

        private static List<List<String>> participants(JsonNode quorum) {
            Set<String> supporting = new LinkedHashSet<>();
            quorum.path("supporting_agents").forEach(a -> supporting.add(a.asText()));
            Set<String> dissenting = new LinkedHashSet<>();
            quorum.path("dissent").path("dissenting_agents").forEach(a -> dissenting.add(a.asText()));
            List<List<String>> rows = new ArrayList<>();
            for (JsonNode p : quorum.path("participants")) {
                String agent = p.path("agent").asText();
                String position = supporting.contains(agent) ? "supports" : dissenting.contains(agent) ? "dissents" : "-";
                rows.add(List.of(agent, p.path("model_family").asText(), p.path("model_id").asText(), position));
            }
            return rows;
        }

        private static List<List<String>> dissent(JsonNode dissent) {
            List<List<String>> rows = new ArrayList<>();
            JsonNode agents = dissent.path("dissenting_agents");
            JsonNode views = dissent.path("views");
            for (int i = 0; i < Math.max(agents.size(), views.size()); i++) {
                rows.add(List.of(agents.path(i).asText(""), views.path(i).asText("")));
            }
            return rows;
        }

        private static List<List<String>> findings(JsonNode findings) {
            List<List<String>> rows = new ArrayList<>();
            findings.forEach(f -> rows.add(List.of(f.path("severity").asText(), f.path("blocking").asBoolean() ? "yes" : "no",
                    f.path("issuer").asText(), f.path("text").asText())));
            return rows;
        }

        /** One sentence per crux, or the reason there are none. */
        private static List<String> cruxes(JsonNode cruxes) {
            if (!cruxes.path("status").asText().equals("present")) {
                return List.of("Absent: " + cruxes.path("reason").asText());
            }
            List<String> lines = new ArrayList<>();
            for (JsonNode c : cruxes.path("items")) {
                StringBuilder line = new StringBuilder(256).append(c.path("decided").asText()).append("'s proposal (backed by ")
                        .append(names(c.path("decided_by"))).append(") against ").append(c.path("alternative").asText())
                        .append("'s (backed by ").append(names(c.path("alternative_by"))).append(")");
                JsonNode critique = c.path("separated_by");
                if (critique.isObject()) {
                    line.append("; separated by ").append(critique.path("issuer").asText()).append("'s critique of ")
                            .append(critique.path("target").asText()).append("'s proposal in round ")
                            .append(critique.path("round").asInt()).append(" (").append(critique.path("severity").asText())
                            .append("): ").append(critique.path("text").asText());
                }
                lines.add(line.toString());
            }
            return lines;
        }

        private static String names(JsonNode agents) {
            List<String> names = new ArrayList<>();
            agents.forEach(a -> names.add(a.asText()));
            return names.isEmpty() ? "nobody" : String.join(", ", names);
        }

        private static List<List<String>> calibration(JsonNode calibration) {
            List<List<String>> rows = new ArrayList<>();
            for (JsonNode a : calibration.path("provenance_ref").path("agents")) {
                rows.add(List.of(a.path("agent").asText(), String.valueOf(a.path("predictions").asInt()),
                        String.format(Locale.ROOT, "%.4f", a.path("brier_score").doubleValue()),
                        String.format(Locale.ROOT, "%.4f", a.path("expected_calibration_error").doubleValue()),
                        a.path("adjusted").asBoolean() ? "yes" : "no"));
            }
            return rows;
        }

        private static List<String> keyIds(JsonNode signatures) {
            List<String> ids = new ArrayList<>();
            signatures.forEach(s -> ids.add(s.path("key_id").asText()));
            return ids;
        }

        private static List<List<String>> facts(Optional<ObjectNode> decision) {
            List<List<String>> rows = new ArrayList<>();
            decision.ifPresent(d -> {
                JsonNode baseline = d.path("baseline_vote");
                if (baseline.isObject()) {
                    rows.add(List.of("Baseline vote", baseline.path("winner").asText() + " ("
                            + String.format(Locale.ROOT, "%.0f%%", baseline.path("share").doubleValue() * 100) + ")"));
                }
                JsonNode usage = d.path("usage");
                rows.add(List.of("Tokens", usage.path("input_tokens").asLong() + " in, " + usage.path("output_tokens").asLong() + " out"));
                rows.add(List.of("Cost", String.format(Locale.ROOT, "$%.4f", usage.path("cost_usd").doubleValue())));
                rows.add(List.of("Debate ran", d.path("started_at").asText() + " to " + d.path("finished_at").asText()));
            });
            return rows;
        }
    }

    private static String markdown(View v) {
        StringBuilder md = new StringBuilder(2048);
        md.append("# Decision receipt ").append(md(v.id())).append("\n\n");
        md.append("| | |\n|---|---|\n");
        row(md, "Verdict", "**" + md(v.verdict()) + "**");
        row(md, "Subject", md(v.subject()));
        row(md, "Issued", md(v.issuedAt()));
        row(md, "Consensus", md(v.method()) + (v.reached() ? ", reached" : ", not reached"));
        row(md, "Confidence", md(v.confidence()));
        for (List<String> fact : v.facts()) {
            row(md, fact.get(0), md(fact.get(1)));
        }
        row(md, "ODR", md(v.version()) + ", sha-256:`" + v.digest() + "`");
        row(md, "Signed by", v.keyIds().isEmpty() ? "unsigned" : md(String.join(", ", v.keyIds())));
        v.entry().ifPresent(e -> row(md, "Chain", "#" + e.seq() + ", hash `" + e.hash() + "`"));
        md.append("\n## Question\n\n").append(md(v.question())).append("\n\n");
        md.append("## Answer\n\n").append(md(v.answer())).append("\n\n");
        md.append("## Reasoning\n\n").append(md(v.reasoning())).append("\n\n");
        md.append("## Participants\n\n");
        table(md, List.of("Agent", "Model family", "Model", "Position"), v.participants());
        md.append("\n## Dissent\n\n");
        if (v.dissent().isEmpty()) {
            md.append("No dissent recorded.\n");
        }
        for (List<String> d : v.dissent()) {
            md.append("- **").append(md(d.get(0))).append("**: ").append(md(d.get(1))).append('\n');
        }
        if (!v.findings().isEmpty()) {
            md.append("\n### Findings\n\n");
            table(md, List.of("Severity", "Blocking", "Critic", "Finding"), v.findings());
        }
        md.append("\n## Cruxes\n\n");
        v.cruxes().forEach(c -> md.append("- ").append(md(c)).append('\n'));
        if (!v.calibration().isEmpty()) {
            md.append("\n## Calibration\n\n");
            table(md, List.of("Agent", "Predictions", "Brier score", "ECE", "Adjusted"), v.calibration());
        }
        md.append("\n## Verify\n\n```\naragora receipt verify ").append(v.id().replaceAll("[^A-Za-z0-9._-]", "_"))
                .append(".odr.json --pubkey <signing key PEM>\n```\n");
        return md.toString();
    }

    private static void table(StringBuilder md, List<String> header, List<List<String>> rows) {
        md.append("| ").append(String.join(" | ", header)).append(" |\n|").append("---|".repeat(header.size())).append('\n');
        for (List<String> r : rows) {
            md.append("| ").append(String.join(" | ", r.stream().map(ReceiptRendering::md).toList())).append(" |\n");
        }
    }

    private static void row(StringBuilder md, String name, String value) {
        md.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }

    /** Markdown-inert text: no markup, no raw HTML, no table breaks. */
    static String md(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\\', '`', '*', '_', '[', ']', '<', '>', '|', '#', '!' -> out.append('\\').append(c);
                case '\r', '\n' -> out.append(' ');
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String html(View v) {
        StringBuilder h = new StringBuilder(4096);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Decision receipt ")
                .append(esc(v.id())).append("</title>\n<style>body{font-family:system-ui,sans-serif;max-width:56rem;margin:2rem auto;"
                        + "padding:0 1rem;line-height:1.5}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .6rem;"
                        + "text-align:left;vertical-align:top}code{word-break:break-all}.verdict{font-weight:bold}</style>\n</head>\n<body>\n");
        h.append("<h1>Decision receipt <code>").append(esc(v.id())).append("</code></h1>\n<table>\n");
        hrow(h, "Verdict", "<span class=\"verdict\">" + esc(v.verdict()) + "</span>");
        hrow(h, "Subject", esc(v.subject()));
        hrow(h, "Issued", esc(v.issuedAt()));
        hrow(h, "Consensus", esc(v.method()) + (v.reached() ? ", reached" : ", not reached"));
        hrow(h, "Confidence", esc(v.confidence()));
        for (List<String> fact : v.facts()) {
            hrow(h, esc(fact.get(0)), esc(fact.get(1)));
        }
        hrow(h, "ODR", esc(v.version()) + ", sha-256:<code>" + v.digest() + "</code>");
        hrow(h, "Signed by", v.keyIds().isEmpty() ? "unsigned" : "<code>" + esc(String.join(", ", v.keyIds())) + "</code>");
        v.entry().ifPresent(e -> hrow(h, "Chain", "#" + e.seq() + ", hash <code>" + esc(e.hash()) + "</code>"));
        h.append("</table>\n<h2>Question</h2>\n<p>").append(esc(v.question())).append("</p>\n");
        h.append("<h2>Answer</h2>\n<p>").append(esc(v.answer())).append("</p>\n");
        h.append("<h2>Reasoning</h2>\n<p>").append(esc(v.reasoning())).append("</p>\n");
        h.append("<h2>Participants</h2>\n");
        htable(h, List.of("Agent", "Model family", "Model", "Position"), v.participants());
        h.append("<h2>Dissent</h2>\n");
        if (v.dissent().isEmpty()) {
            h.append("<p>No dissent recorded.</p>\n");
        } else {
            h.append("<ul>\n");
            v.dissent().forEach(d -> h.append("<li><strong>").append(esc(d.get(0))).append("</strong>: ")
                    .append(esc(d.get(1))).append("</li>\n"));
            h.append("</ul>\n");
        }
        if (!v.findings().isEmpty()) {
            h.append("<h3>Findings</h3>\n");
            htable(h, List.of("Severity", "Blocking", "Critic", "Finding"), v.findings());
        }
        h.append("<h2>Cruxes</h2>\n<ul>\n");
        v.cruxes().forEach(c -> h.append("<li>").append(esc(c)).append("</li>\n"));
        h.append("</ul>\n");
        if (!v.calibration().isEmpty()) {
            h.append("<h2>Calibration</h2>\n");
            htable(h, List.of("Agent", "Predictions", "Brier score", "ECE", "Adjusted"), v.calibration());
        }
        h.append("<h2>Verify</h2>\n<pre>aragora receipt verify ").append(esc(v.id().replaceAll("[^A-Za-z0-9._-]", "_")))
                .append(".odr.json --pubkey &lt;signing key PEM&gt;</pre>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void htable(StringBuilder h, List<String> header, List<List<String>> rows) {
        h.append("<table>\n<tr>");
        header.forEach(name -> h.append("<th>").append(name).append("</th>"));
        h.append("</tr>\n");
        for (List<String> r : rows) {
            h.append("<tr>");
            r.forEach(cell -> h.append("<td>").append(esc(cell)).append("</td>"));
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    private static void hrow(StringBuilder h, String name, String valueHtml) {
        h.append("<tr><th>").append(name).append("</th><td>").append(valueHtml).append("</td></tr>\n");
    }

    static String esc(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
