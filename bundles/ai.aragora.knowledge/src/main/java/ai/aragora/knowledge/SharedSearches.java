package ai.aragora.knowledge;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.aragora.api.cluster.SharedCache;
import ai.aragora.api.knowledge.KnowledgeNode;
import ai.aragora.api.knowledge.KnowledgeQuery;
import ai.aragora.api.knowledge.NodeKind;
import ai.aragora.api.knowledge.ScoredNode;
import ai.aragora.api.knowledge.SearchResult;

/**
 * The search cache's second tier, when a {@link SharedCache} is configured
 * (KNOWLEDGE_MOUND_REDIS_URL): what one instance searched, every instance finds, until a write
 * to its workspace or org, or the hourly tier pass, on any instance. A result is filed under
 * three scopes (everything, its org, its workspace or the org-wide searches), so a write drops
 * exactly what the local tier drops for it. Without a cluster bus the instance's own tier would not
 * hear the others' writes, so searches then go to this tier alone. Results travel as the export's node JSON and are
 * checked on the way back as an import is; one that does not read is searched again.
 */
final class SharedSearches {

    private static final Logger LOG = LoggerFactory.getLogger(SharedSearches.class);
    private static final JsonFactory JSON = new JsonFactory();
    private static final ObjectMapper READER = new ObjectMapper();
    private static final String EVERYTHING = "all";

    private final Supplier<Duration> ttl;
    private volatile SharedCache cache;

    SharedSearches(Supplier<Duration> ttl) {
        this.ttl = ttl;
    }

    void bind(SharedCache shared) {
        cache = shared;
    }

    void unbind(SharedCache shared) {
        if (cache == shared) {
            cache = null;
        }
    }

    boolean bound() {
        return cache != null;
    }

    /** Whether a shared cache is bound and answers. */
    boolean connected() {
        SharedCache c = cache;
        return c != null && c.connected();
    }

    /** The shared result for {@code key}, else {@code search}'s, offered to every instance. */
    SearchResult get(SearchCache.Key key, Supplier<SearchResult> search) {
        SharedCache c = cache;
        Duration keep = ttl.get();
        if (c == null || keep.isZero()) {
            return search.get();
        }
        SharedCache.Lookup lookup;
        try {
            lookup = c.lookup(digest(canonical(key)), scopes(key.query().orgId(), key.query().workspaceId()));
        } catch (IllegalStateException unreachable) {
            return search.get();
        }
        if (lookup.hit()) {
            try {
                return decode(lookup.value(), key.query().orgId());
            } catch (IOException | RuntimeException unreadable) {
                LOG.warn("a shared knowledge search result did not read ({}); searching again", unreadable.toString());
            }
        }
        SearchResult result = search.get();
        c.store(lookup, encode(result), keep);
        return result;
    }

    /** Drops everywhere what a write to the workspace (null: any of the org's) made stale. */
    void written(String orgId, String workspaceId) {
        SharedCache c = cache;
        if (c != null) {
            c.invalidate(workspaceId == null ? List.of(org(orgId)) : List.of(workspace(orgId, workspaceId), anyWorkspace(orgId)));
        }
    }

    void writtenEverywhere() {
        SharedCache c = cache;
        if (c != null) {
            c.invalidate(List.of(EVERYTHING));
        }
    }

    /** The same on every instance (a set's order is not). */
    private static String canonical(SearchCache.Key key) {
        KnowledgeQuery q = key.query();
        return String.join("\n", q.orgId(), String.valueOf(q.workspaceId()), q.text(), Integer.toString(q.limit()),
                Double.toString(q.minConfidence()), q.kinds().stream().map(NodeKind::wire).sorted().toList().toString(),
                q.coldest().wire(), Double.toString(key.lexicalBoost()), key.mode());
    }

    private static List<String> scopes(String orgId, String workspaceId) {
        return List.of(EVERYTHING, org(orgId), workspaceId == null ? anyWorkspace(orgId) : workspace(orgId, workspaceId));
    }

    // Names may hold any character but controls: digests keep the keys short and unambiguous.
    private static String org(String orgId) {
        return "o." + digest(orgId);
    }

    private static String anyWorkspace(String orgId) {
        return "a." + digest(orgId);
    }

    private static String workspace(String orgId, String workspaceId) {
        return "w." + digest(orgId + "\n" + workspaceId);
    }

    private static String digest(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    static byte[] encode(SearchResult result) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024 + result.hits().size() * 512);
        try (JsonGenerator out = JSON.createGenerator(bytes, JsonEncoding.UTF8)) {
            out.writeStartObject();
            out.writeBooleanField("semantic", result.semantic());
            out.writeArrayFieldStart("hits");
            for (ScoredNode hit : result.hits()) {
                out.writeStartObject();
                out.writeNumberField("score", hit.score());
                out.writeNumberField("lexical", hit.lexical());
                out.writeNumberField("semantic", hit.semantic());
                out.writeFieldName("node");
                JsonExportWriter.node(out, hit.node());
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    static SearchResult decode(byte[] bytes, String orgId) throws IOException {
        JsonNode root = READER.readTree(bytes);
        JsonNode hits = root.get("hits");
        if (hits == null || !hits.isArray() || !root.path("semantic").isBoolean()) {
            throw new IOException("not a search result");
        }
        List<ScoredNode> out = new ArrayList<>(hits.size());
        for (int i = 0; i < hits.size(); i++) {
            JsonNode h = hits.get(i);
            KnowledgeNode node = ExchangeJson.node(h.path("node"), "hits[" + i + "].node", orgId);
            out.add(new ScoredNode(node, number(h, "score"), number(h, "lexical"), number(h, "semantic")));
        }
        return new SearchResult(out, root.get("semantic").booleanValue());
    }

    private static double number(JsonNode hit, String field) throws IOException {
        JsonNode n = hit.get(field);
        if (n == null || !n.isNumber()) {
            throw new IOException(field + " is not a number");
        }
        return n.doubleValue();
    }
}
