package ai.aragora.knowledge;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import ai.aragora.api.knowledge.KnowledgeExchange;
import ai.aragora.api.knowledge.KnowledgeNode;
import ai.aragora.api.knowledge.Provenance;
import ai.aragora.api.knowledge.Relationship;

/**
 * The lossless JSON export (read back by {@link ExchangeJson}): the head, then nodes and
 * relationships as they come, then the counts.
 */
final class JsonExportWriter implements ExportSink {

    private final JsonGenerator out;
    private long nodes;
    private long relationships;
    private boolean inRelationships;

    JsonExportWriter(OutputStream stream, String orgId, String workspaceId, Instant at) throws IOException {
        out = new JsonFactory().createGenerator(stream, JsonEncoding.UTF8).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        out.writeStartObject();
        out.writeStringField("format", KnowledgeExchange.FORMAT);
        out.writeNumberField("version", KnowledgeExchange.VERSION);
        out.writeStringField("org_id", orgId);
        out.writeStringField("workspace_id", workspaceId);
        out.writeStringField("exported_at", at.toString());
        out.writeArrayFieldStart("nodes");
    }

    @Override
    public void node(KnowledgeNode n) throws IOException {
        node(out, n);
        nodes++;
    }

    /** One node as the export writes it; also the form the shared search cache stores hits in. */
    static void node(JsonGenerator out, KnowledgeNode n) throws IOException {
        out.writeStartObject();
        out.writeStringField("id", n.id());
        out.writeStringField("org_id", n.orgId());
        out.writeStringField("workspace_id", n.workspaceId());
        out.writeStringField("node_type", n.kind().wire());
        out.writeStringField("content", n.content());
        out.writeStringField("content_hash", n.contentHash());
        out.writeNumberField("confidence", n.confidence());
        out.writeStringField("tier", n.tier().wire());
        out.writeStringField("status", n.validation().wire());
        out.writeNumberField("strength", n.strength());
        out.writeNumberField("uses", n.uses());
        out.writeObjectFieldStart("metadata");
        for (Map.Entry<String, String> e : new TreeMap<>(n.metadata()).entrySet()) {
            out.writeStringField(e.getKey(), e.getValue());
        }
        out.writeEndObject();
        out.writeArrayFieldStart("provenance");
        for (Provenance p : n.provenance()) {
            provenance(out, p);
        }
        out.writeEndArray();
        out.writeStringField("created_at", n.createdAt().toString());
        out.writeStringField("updated_at", n.updatedAt().toString());
        out.writeEndObject();
    }

    @Override
    public void relationship(Relationship r) throws IOException {
        startRelationships();
        out.writeStartObject();
        out.writeStringField("id", r.id());
        out.writeStringField("org_id", r.orgId());
        out.writeStringField("source_id", r.sourceId());
        out.writeStringField("target_id", r.targetId());
        out.writeStringField("relation_type", r.type().wire());
        out.writeFieldName("provenance");
        provenance(out, r.provenance());
        out.writeEndObject();
        relationships++;
    }

    private static void provenance(JsonGenerator out, Provenance p) throws IOException {
        out.writeStartObject();
        out.writeStringField("debate_id", p.debateId());
        out.writeStringField("receipt_id", p.receiptId());
        out.writeStringField("agent", p.agent());
        out.writeNumberField("round", p.round());
        out.writeStringField("adapter", p.adapter());
        out.writeStringField("at", p.at().toString());
        out.writeEndObject();
    }

    @Override
    public void close() throws IOException {
        startRelationships();
        out.writeEndArray();
        out.writeObjectFieldStart("counts");
        out.writeNumberField("nodes", nodes);
        out.writeNumberField("relationships", relationships);
        out.writeEndObject();
        out.writeEndObject();
        // The caller's stream stays open (the command line's is standard output).
        out.close();
    }

    private void startRelationships() throws IOException {
        if (!inRelationships) {
            out.writeEndArray();
            out.writeArrayFieldStart("relationships");
            inRelationships = true;
        }
    }
}
