package ai.aragora.storage.jdbc.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
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

    static final String NODE_COLUMNS = "id, org_id, workspace_id, kind, content, content_hash, confidence, tier, validation,"
            + " strength, uses, metadata, provenance, created_ns, updated_ns, touched_ns";
    static final String RELATIONSHIP_COLUMNS = "id, org_id, source_id, target_id, type, provenance, created_ns";

    private static final JsonFactory JSON = new JsonFactory();

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

    static List<Provenance> provenance(String json) {
        return Arrays.asList(JsonCodec.read(json, Provenance[].class));
    }

    /**
     * A stored provenance array with {@code entry} (one encoded provenance) appended, keeping the
     * latest {@code max}: the array is scanned for where its entries start, not bound.
     */
    static String appendProvenance(String array, String entry, int max) {
        List<Integer> starts = new ArrayList<>();
        try (JsonParser p = JSON.createParser(array)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new StorageException("a stored provenance is not an array");
            }
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                if (t == null) {
                    throw new StorageException("a stored provenance ends early");
                }
                starts.add((int) p.currentTokenLocation().getCharOffset());
                p.skipChildren();
            }
        } catch (IOException e) {
            throw new StorageException("a stored provenance cannot be read: " + e.getMessage());
        }
        int keep = Math.min(starts.size(), max - 1);
        if (keep <= 0) {
            return "[" + entry + "]";
        }
        return "[" + array.substring(starts.get(starts.size() - keep), array.lastIndexOf(']')).strip() + "," + entry + "]";
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
