package ai.aragora.storage.jdbc.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import ai.aragora.api.knowledge.KnowledgeNode;
import ai.aragora.api.knowledge.NodeKind;
import ai.aragora.api.knowledge.Provenance;
import ai.aragora.api.knowledge.RelationType;
import ai.aragora.api.knowledge.Relationship;
import ai.aragora.api.knowledge.Tier;
import ai.aragora.api.knowledge.Validation;
import ai.aragora.storage.jdbc.StorageException;
import ai.aragora.storage.jdbc.statement.Sql;

/** How knowledge rows map to the API's records, and vectors to bytes. */
final class KnowledgeRows {

    /** How often a strengthened node's provenance is cut back to the latest {@value KnowledgeNode#MAX_PROVENANCE}. */
    static final int TRIM_EVERY = 10;

    static final String NODE_COLUMNS = "id, org_id, workspace_id, kind, content, content_hash, confidence, tier, validation,"
            + " strength, uses, metadata, provenance, created_ns, updated_ns, touched_ns";
    static final String RELATIONSHIP_COLUMNS = "id, org_id, source_id, target_id, type, provenance, created_ns";

    private KnowledgeRows() {
    }

    static KnowledgeNode node(ResultSet rs) throws SQLException {
        return new KnowledgeNode(rs.getString("id"), rs.getString("org_id"), rs.getString("workspace_id"),
                NodeKind.valueOf(rs.getString("kind")), rs.getString("content"), rs.getString("content_hash"),
                rs.getDouble("confidence"), Tier.valueOf(rs.getString("tier")), Validation.valueOf(rs.getString("validation")),
                rs.getInt("strength"), rs.getInt("uses"), metadata(rs.getString("metadata")), provenance(rs.getString("provenance")),
                Sql.instant(rs, "created_ns"), Sql.instant(rs, "updated_ns"));
    }

    static Relationship relationship(ResultSet rs) throws SQLException {
        return new Relationship(rs.getString("id"), rs.getString("org_id"), rs.getString("source_id"), rs.getString("target_id"),
                RelationType.valueOf(rs.getString("type")), JsonCodec.read(rs.getString("provenance"), Provenance.class));
    }

    /**
     * A stored provenance array, read by hand (as {@link JsonCodec} would bind it, unknown members
     * skipped): every node read carries up to {@value KnowledgeNode#MAX_PROVENANCE} of them.
     */
    static List<Provenance> provenance(String json) {
        try (JsonParser p = JsonCodec.parser(json)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new StorageException("a stored provenance is not a JSON array");
            }
            List<Provenance> out = new ArrayList<>();
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                if (t != JsonToken.START_OBJECT) {
                    throw new StorageException("a stored provenance entry is not a JSON object");
                }
                out.add(provenanceEntry(p));
            }
            return out.size() > KnowledgeNode.MAX_PROVENANCE ? List.copyOf(out.subList(out.size() - KnowledgeNode.MAX_PROVENANCE, out.size())) : out;
        } catch (IOException | DateTimeException | IllegalArgumentException | NullPointerException e) {
            throw new StorageException("a stored Provenance cannot be read: " + e.getMessage());
        }
    }

    private static Provenance provenanceEntry(JsonParser p) throws IOException {
        String debate = null;
        String receipt = null;
        String agent = null;
        String adapter = null;
        int round = 0;
        Instant at = null;
        for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
            boolean isNull = p.nextToken() == JsonToken.VALUE_NULL;
            switch (field) {
                case "debateId" -> debate = isNull ? null : p.getValueAsString();
                case "receiptId" -> receipt = isNull ? null : p.getValueAsString();
                case "agent" -> agent = isNull ? null : p.getValueAsString();
                case "adapter" -> adapter = isNull ? null : p.getValueAsString();
                case "round" -> round = isNull ? 0 : p.getValueAsInt();
                case "at" -> at = isNull ? null : IsoInstants.parse(p.getText().trim());
                default -> p.skipChildren();
            }
        }
        return new Provenance(debate, receipt, agent, round, adapter, at);
    }

    /**
     * A stored provenance array with {@code entry} (one encoded provenance) appended. Only every
     * {@value #TRIM_EVERY}th time is it cut to the latest {@code max}, so a stored array holds at
     * most {@code max + TRIM_EVERY - 1} entries and readers take the latest {@code max}: a node on a
     * recurring question is strengthened by every debate on it, and finding where entries start
     * means scanning them all.
     */
    static String appendProvenance(String array, String entry, int max, boolean trim) {
        if (!trim) {
            int close = array.lastIndexOf(']');
            String before = close < 0 ? "" : array.substring(0, close).stripTrailing();
            if (!before.stripLeading().startsWith("[")) {
                throw new StorageException("a stored provenance is not a JSON array");
            }
            return before + (before.endsWith("[") ? "" : ",") + entry + "]";
        }
        return trimmedWith(array, entry, max);
    }

    /** {@code array} with {@code entry} appended, its latest {@code max} entries kept (found outside strings, one level down). */
    private static String trimmedWith(String array, String entry, int max) {
        List<Integer> starts = new ArrayList<>();
        int depth = 0;
        boolean inString = false;
        int open = -1;
        int close = -1;
        for (int i = 0; i < array.length() && close < 0; i++) {
            char c = array.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                if (depth == 0 && c != '[') {
                    break;
                }
                if (depth == 0) {
                    open = i;
                } else if (depth == 1) {
                    starts.add(i);
                }
                depth++;
            } else if (c == ']' || c == '}') {
                depth--;
                if (depth == 0) {
                    close = i;
                }
            } else if (depth == 0 && !Character.isWhitespace(c)) {
                break;
            }
        }
        if (open < 0 || close < 0) {
            throw new StorageException("a stored provenance is not a JSON array");
        }
        int keep = Math.min(starts.size(), max - 1);
        if (keep <= 0) {
            return "[" + entry + "]";
        }
        return "[" + array.substring(starts.get(starts.size() - keep), close).strip() + "," + entry + "]";
    }

    static Map<String, String> metadata(String json) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonCodec.readMap(json).forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }

    /** Little-endian IEEE floats, 4 bytes each. */
    static byte[] bytes(float[] vector) {
        ByteBuffer b = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(vector);
        return b.array();
    }

    static float[] floats(byte[] bytes) {
        float[] v = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        return v;
    }
}
