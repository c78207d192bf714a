package ai.aragora.knowledge;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import ai.aragora.api.knowledge.KnowledgeNode;
import ai.aragora.api.knowledge.Relationship;

/**
 * The mound as a picture: GraphML (yEd, Gephi, Cytoscape) and D3's {@code {nodes, links}} JSON.
 * Both carry what a drawing shows (kind, content, confidence, tier, workspace; relation type),
 * not everything: the JSON export is the one that round-trips.
 */
final class PictureFormats {

    static final int LABEL = 80;

    private PictureFormats() {
    }

    static ExportSink graphMl(OutputStream stream, String orgId) throws IOException {
        Writer out = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\""
                + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                + " xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
                + "  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
                + "  <key id=\"node_type\" for=\"node\" attr.name=\"node_type\" attr.type=\"string\"/>\n"
                + "  <key id=\"content\" for=\"node\" attr.name=\"content\" attr.type=\"string\"/>\n"
                + "  <key id=\"confidence\" for=\"node\" attr.name=\"confidence\" attr.type=\"double\"/>\n"
                + "  <key id=\"tier\" for=\"node\" attr.name=\"tier\" attr.type=\"string\"/>\n"
                + "  <key id=\"workspace_id\" for=\"node\" attr.name=\"workspace_id\" attr.type=\"string\"/>\n"
                + "  <key id=\"relation_type\" for=\"edge\" attr.name=\"relation_type\" attr.type=\"string\"/>\n"
                + "  <graph id=\"" + xml(orgId) + "\" edgedefault=\"directed\">\n");
        return new ExportSink() {
            @Override
            public void node(KnowledgeNode n) throws IOException {
                out.write("    <node id=\"" + xml(n.id()) + "\">");
                data(out, "label", label(n.content()));
                data(out, "node_type", n.kind().wire());
                data(out, "content", n.content());
                data(out, "confidence", Double.toString(n.confidence()));
                data(out, "tier", n.tier().wire());
                data(out, "workspace_id", n.workspaceId());
                out.write("</node>\n");
            }

            @Override
            public void relationship(Relationship r) throws IOException {
                out.write("    <edge id=\"" + xml(r.id()) + "\" source=\"" + xml(r.sourceId()) + "\" target=\"" + xml(r.targetId()) + "\">");
                data(out, "relation_type", r.type().wire());
                out.write("</edge>\n");
            }

            @Override
            public void close() throws IOException {
                out.write("  </graph>\n</graphml>\n");
                // Flushed, not closed: the caller's stream stays open.
                out.flush();
            }
        };
    }

    static ExportSink d3(OutputStream stream) throws IOException {
        JsonGenerator out = new JsonFactory().createGenerator(stream, JsonEncoding.UTF8).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        out.writeStartObject();
        out.writeArrayFieldStart("nodes");
        return new ExportSink() {
            private boolean links;

            @Override
            public void node(KnowledgeNode n) throws IOException {
                out.writeStartObject();
                out.writeStringField("id", n.id());
                out.writeStringField("label", label(n.content()));
                out.writeStringField("group", n.kind().wire());
                out.writeStringField("content", n.content());
                out.writeNumberField("confidence", n.confidence());
                out.writeStringField("tier", n.tier().wire());
                out.writeStringField("workspace_id", n.workspaceId());
                out.writeEndObject();
            }

            @Override
            public void relationship(Relationship r) throws IOException {
                startLinks();
                out.writeStartObject();
                out.writeStringField("id", r.id());
                out.writeStringField("source", r.sourceId());
                out.writeStringField("target", r.targetId());
                out.writeStringField("type", r.type().wire());
                out.writeEndObject();
            }

            private void startLinks() throws IOException {
                if (!links) {
                    out.writeEndArray();
                    out.writeArrayFieldStart("links");
                    links = true;
                }
            }

            @Override
            public void close() throws IOException {
                startLinks();
                out.writeEndArray();
                out.writeEndObject();
                out.close();
            }
        };
    }

    private static void data(Writer out, String key, String value) throws IOException {
        out.write("<data key=\"" + key + "\">" + xml(value) + "</data>");
    }

    static String label(String content) {
        String line = content.strip().replaceAll("\\s+", " ");
        return line.length() <= LABEL ? line : line.substring(0, LABEL - 3) + "...";
    }

    /**
     * Escaped for text and attributes; characters XML 1.0 cannot hold at all (most control
     * characters, lone surrogates) become U+FFFD, so that the document always parses.
     */
    static String xml(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            int width = Character.charCount(c);
            boolean lone = width == 1 && Character.isSurrogate(s.charAt(i));
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                case '\t', '\n', '\r' -> b.append("&#").append(c).append(';');
                default -> {
                    if (lone || c < 0x20 || c == 0xFFFE || c == 0xFFFF) {
                        b.append('\uFFFD');
                    } else {
                        b.appendCodePoint(c);
                    }
                }
            }
            i += width;
        }
        return b.toString();
    }
}
