package ai.aragora.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.aragora.api.knowledge.KnowledgeExchange;
import ai.aragora.api.knowledge.KnowledgeExchange.ImportRejected;
import ai.aragora.api.knowledge.KnowledgeNode;
import ai.aragora.api.knowledge.NewNode;
import ai.aragora.api.knowledge.NodeKind;
import ai.aragora.api.knowledge.Provenance;
import ai.aragora.api.knowledge.RelationType;
import ai.aragora.api.knowledge.Relationship;
import ai.aragora.api.knowledge.Tier;
import ai.aragora.api.knowledge.Validation;

/**
 * Reading the lossless JSON export ({@link JsonExportWriter}): {@code format}, {@code version},
 * the org, the nodes and relationships exactly as stored, and their {@code counts} last, so that a
 * file cut short at any point is refused. Every field is checked before anything is stored.
 */
final class ExchangeJson {

    /** Node and relationship ids: what the API accepts in a path. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    /** Read one node or relationship at a time; what follows the file's one object is refused by hand. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** How often reading tells its progress, in nodes or relationships. */
    static final int PROGRESS_EVERY = 1_000;

    /** What a file holds, checked. */
    record Archive(List<KnowledgeNode> nodes, List<Relationship> relationships) {
    }

    private ExchangeJson() {
    }

    /**
     * Reads and checks a whole export for {@code orgId}, one node or relationship at a time: what
     * is held is what was read (the checked nodes), never a tree of the whole file.
     *
     * @param progress told of the nodes and relationships read so far, every {@value #PROGRESS_EVERY}
     * @throws ImportRejected naming the first problem
     */
    static Archive read(InputStream in, String orgId, BiConsumer<Integer, Integer> progress) {
        try (JsonParser p = JSON.createParser(in)) {
            return read(p, orgId, progress);
        } catch (JsonEOFException e) {
            throw rejected("the file is truncated: it ends inside " + e.getTokenBeingDecoded());
        } catch (JsonProcessingException e) {
            throw rejected("the file is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + "): " + e.getOriginalMessage());
        } catch (BoundedInput.TooLarge e) {
            throw new ImportRejected(e.getMessage(), true);
        } catch (IOException e) {
            // Not the file's fault (a dropped connection, a request over the server's body limit): the caller maps it.
            throw new UncheckedIOException("the import could not be read", e);
        }
    }

    private static Archive read(JsonParser p, String orgId, BiConsumer<Integer, Integer> progress) throws IOException {
        JsonToken first = p.nextToken();
        if (first == null) {
            throw rejected("the file is empty");
        }
        if (first != JsonToken.START_OBJECT) {
            throw rejected("the file must hold one JSON object, an export of the Knowledge Mound");
        }
        boolean format = false;
        boolean version = false;
        JsonNode counts = null;
        List<KnowledgeNode> ns = null;
        List<Relationship> rs = null;
        Set<String> ids = new HashSet<>();
        Set<String> relationshipIds = new HashSet<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "format" -> {
                    if (value != JsonToken.VALUE_STRING || !KnowledgeExchange.FORMAT.equals(p.getText())) {
                        throw rejected("format must be \"" + KnowledgeExchange.FORMAT + "\": this is not a Knowledge Mound export");
                    }
                    format = true;
                }
                case "version" -> {
                    if (value != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT
                            || p.getIntValue() != KnowledgeExchange.VERSION) {
                        throw rejected("version " + p.getText() + " is not supported: this server reads version " + KnowledgeExchange.VERSION);
                    }
                    version = true;
                }
                case "nodes" -> {
                    requireArray(value, "nodes");
                    ns = new ArrayList<>();
                    for (int i = 0; p.nextToken() != JsonToken.END_ARRAY; i++) {
                        KnowledgeNode n = node(JSON.readTree(p), "nodes[" + i + "]", orgId);
                        if (!ids.add(n.id())) {
                            throw rejected("nodes[" + i + "]: node id " + n.id() + " appears twice");
                        }
                        ns.add(n);
                        if ((i + 1) % PROGRESS_EVERY == 0) {
                            progress.accept(ns.size(), 0);
                        }
                    }
                }
                case "relationships" -> {
                    requireArray(value, "relationships");
                    rs = new ArrayList<>();
                    for (int i = 0; p.nextToken() != JsonToken.END_ARRAY; i++) {
                        Relationship r = relationship(JSON.readTree(p), "relationships[" + i + "]", orgId);
                        if (!relationshipIds.add(r.id())) {
                            throw rejected("relationships[" + i + "]: relationship id " + r.id() + " appears twice");
                        }
                        rs.add(r);
                        if ((i + 1) % PROGRESS_EVERY == 0) {
                            progress.accept(ns == null ? 0 : ns.size(), rs.size());
                        }
                    }
                }
                case "counts" -> counts = JSON.readTree(p);
                default -> p.skipChildren();
            }
        }
        if (p.nextToken() != null) {
            throw rejected("the file is not valid JSON: something follows its one object");
        }
        if (!format) {
            throw rejected("format must be \"" + KnowledgeExchange.FORMAT + "\": this is not a Knowledge Mound export");
        }
        if (!version) {
            throw rejected("version is missing: this server reads version " + KnowledgeExchange.VERSION);
        }
        if (counts == null || ns == null || rs == null) {
            throw rejected("the file is truncated or incomplete: it needs the arrays nodes and relationships and the counts");
        }
        if (counts.path("nodes").asLong(-1) != ns.size() || counts.path("relationships").asLong(-1) != rs.size()) {
            throw rejected("the counts say " + counts.path("nodes").asLong(-1) + " nodes and " + counts.path("relationships").asLong(-1)
                    + " relationships, the file holds " + ns.size() + " and " + rs.size() + ": it was cut or edited");
        }
        acyclic(rs, RelationType.DERIVED_FROM);
        acyclic(rs, RelationType.REFINES);
        return new Archive(ns, rs);
    }

    private static void requireArray(JsonToken value, String field) {
        if (value != JsonToken.START_ARRAY) {
            throw rejected("the file is truncated or incomplete: " + field + " must be an array");
        }
    }

    /** A node as {@link JsonExportWriter} writes it, checked as an import checks it. */
    static KnowledgeNode node(JsonNode n, String where, String orgId) {
        if (!n.isObject()) {
            throw rejected(where + " must be an object");
        }
        try {
            String id = id(n, where, "id");
            String org = text(n, where, "org_id", true);
            if (!org.equals(orgId)) {
                throw rejected(where + ": node " + id + " is of org " + org + ", and this import is into org " + orgId
                        + "; knowledge never crosses orgs");
            }
            NodeKind kind = NodeKind.of(text(n, where, "node_type", true));
            String content = text(n, where, "content", true);
            JsonNode confidence = n.get("confidence");
            if (confidence == null || !confidence.isNumber()) {
                throw rejected(where + ".confidence must be a number");
            }
            Map<String, String> metadata = metadata(n.get("metadata"), where);
            Instant created = instant(n, where, "created_at");
            Instant updated = instant(n, where, "updated_at");
            JsonNode provenance = n.get("provenance");
            if (provenance == null || !provenance.isArray() || provenance.size() > KnowledgeNode.MAX_PROVENANCE) {
                throw rejected(where + ".provenance must be an array of at most " + KnowledgeNode.MAX_PROVENANCE + " entries");
            }
            List<Provenance> origins = new ArrayList<>();
            for (int i = 0; i < provenance.size(); i++) {
                origins.add(provenance(provenance.get(i), where + ".provenance[" + i + "]"));
            }
            // The checks every node passes on its way in: org and workspace names, content, confidence, metadata.
            NewNode checked = new NewNode(org, text(n, where, "workspace_id", true), kind, content, confidence.doubleValue(), metadata,
                    origins.isEmpty() ? new Provenance(null, null, null, 0, null, created) : origins.get(0));
            String hash = text(n, where, "content_hash", true);
            if (!hash.equals(checked.contentHash())) {
                throw rejected(where + ".content_hash does not match its content: the file was altered");
            }
            int strength = count(n, where, "strength", 1);
            int uses = count(n, where, "uses", 0);
            return new KnowledgeNode(id, org, checked.workspaceId(), kind, content, hash, checked.confidence(),
                    Tier.of(text(n, where, "tier", true)), Validation.of(text(n, where, "status", true)), strength, uses, metadata,
                    origins, created, updated);
        } catch (ImportRejected e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw rejected(where + ": " + e.getMessage());
        }
    }

    private static Relationship relationship(JsonNode r, String where, String orgId) {
        if (!r.isObject()) {
            throw rejected(where + " must be an object");
        }
        try {
            String id = id(r, where, "id");
            String org = text(r, where, "org_id", true);
            if (!org.equals(orgId)) {
                throw rejected(where + ": relationship " + id + " is of org " + org + ", and this import is into org " + orgId
                        + "; knowledge never crosses orgs");
            }
            return new Relationship(id, org, id(r, where, "source_id"), id(r, where, "target_id"),
                    RelationType.of(text(r, where, "relation_type", true)), provenance(r.get("provenance"), where + ".provenance"));
        } catch (ImportRejected e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw rejected(where + ": " + e.getMessage());
        }
    }

    private static Provenance provenance(JsonNode p, String where) {
        if (p == null || !p.isObject()) {
            throw rejected(where + " must be an object");
        }
        JsonNode round = p.get("round");
        if (round == null || !round.isInt()) {
            throw rejected(where + ".round must be an integer");
        }
        return new Provenance(text(p, where, "debate_id", false), text(p, where, "receipt_id", false), text(p, where, "agent", false),
                round.intValue(), text(p, where, "adapter", false), instant(p, where, "at"));
    }

    /** A relation that says where a node comes from cannot lead back to it. */
    private static void acyclic(List<Relationship> relationships, RelationType type) {
        Map<String, List<String>> next = new HashMap<>();
        for (Relationship r : relationships) {
            if (r.type() == type) {
                next.computeIfAbsent(r.sourceId(), k -> new ArrayList<>()).add(r.targetId());
            }
        }
        Map<String, Integer> state = new HashMap<>();
        for (String start : next.keySet()) {
            if (state.containsKey(start)) {
                continue;
            }
            // Iterative depth-first search: 1 on the current path, 2 done.
            List<String> path = new ArrayList<>(List.of(start));
            List<Integer> at = new ArrayList<>(List.of(0));
            state.put(start, 1);
            while (!path.isEmpty()) {
                String node = path.get(path.size() - 1);
                List<String> out = next.getOrDefault(node, List.of());
                int i = at.get(at.size() - 1);
                if (i == out.size()) {
                    state.put(node, 2);
                    path.remove(path.size() - 1);
                    at.remove(at.size() - 1);
                    continue;
                }
                at.set(at.size() - 1, i + 1);
                String target = out.get(i);
                Integer s = state.get(target);
                if (s != null && s == 1) {
                    throw rejected("the " + type.wire() + " relationships form a cycle through node " + target);
                }
                if (s == null) {
                    state.put(target, 1);
                    path.add(target);
                    at.add(0);
                }
            }
        }
    }

    private static Map<String, String> metadata(JsonNode m, String where) {
        if (m == null || !m.isObject()) {
            throw rejected(where + ".metadata must be an object");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) m::fields) {
            if (!e.getValue().isTextual()) {
                throw rejected(where + ".metadata." + e.getKey() + " must be a string");
            }
            out.put(e.getKey(), e.getValue().textValue());
        }
        return out;
    }

    private static String id(JsonNode n, String where, String field) {
        String id = text(n, where, field, true);
        if (!ID.matcher(id).matches()) {
            throw rejected(where + "." + field + " must be 1-128 letters, digits, '.', '_', ':' or '-'");
        }
        return id;
    }

    private static String text(JsonNode n, String where, String field, boolean required) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw rejected(where + "." + field + " is missing");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw rejected(where + "." + field + " must be a string");
        }
        return v.textValue();
    }

    private static int count(JsonNode n, String where, String field, int min) {
        JsonNode v = n.get(field);
        if (v == null || !v.isInt() || v.intValue() < min) {
            throw rejected(where + "." + field + " must be an integer of at least " + min);
        }
        return v.intValue();
    }

    private static Instant instant(JsonNode n, String where, String field) {
        String text = text(n, where, field, true);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw rejected(where + "." + field + " must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
        }
    }

    private static ImportRejected rejected(String message) {
        return new ImportRejected(message, false);
    }
}
