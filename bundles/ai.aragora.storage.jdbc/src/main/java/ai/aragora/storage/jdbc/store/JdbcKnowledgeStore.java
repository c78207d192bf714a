package ai.aragora.storage.jdbc.store;

import static ai.aragora.storage.jdbc.store.KnowledgeRows.NODE_COLUMNS;
import static ai.aragora.storage.jdbc.store.KnowledgeRows.RELATIONSHIP_COLUMNS;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import ai.aragora.api.knowledge.KnowledgeNode;
import ai.aragora.api.knowledge.KnowledgeQuery;
import ai.aragora.api.knowledge.KnowledgeStore;
import ai.aragora.api.knowledge.Learned;
import ai.aragora.api.knowledge.MoundStats;
import ai.aragora.api.knowledge.NewNode;
import ai.aragora.api.knowledge.NodeKind;
import ai.aragora.api.knowledge.Provenance;
import ai.aragora.api.knowledge.RelationType;
import ai.aragora.api.knowledge.Relationship;
import ai.aragora.api.knowledge.ScoredNode;
import ai.aragora.api.knowledge.Stored;
import ai.aragora.api.knowledge.Tier;
import ai.aragora.api.knowledge.Validation;
import ai.aragora.api.storage.Page;
import ai.aragora.storage.jdbc.Database;
import ai.aragora.storage.jdbc.StorageBackend;
import ai.aragora.storage.jdbc.Store;
import ai.aragora.storage.jdbc.statement.Sql;

/**
 * The Knowledge Mound's nodes, relationships, vectors and adapters' progress in the
 * {@code knowledge_mound} store. A node's content hash is unique per org and workspace: offering
 * the content again strengthens the node and appends the provenance (the latest
 * {@value KnowledgeNode#MAX_PROVENANCE} are kept).
 */
@Component(service = KnowledgeStore.class, property = "service.ranking:Integer=100")
public class JdbcKnowledgeStore implements KnowledgeStore {

    /** Inbox writes share one writer thread, so their sequence numbers commit in order and no cursor skips one. */
    private static final String INBOX_KEY = "km_inbox";

    private final Database db;
    private final KnowledgeSearch search;
    private final KnowledgeUpkeep upkeep;

    @Activate
    public JdbcKnowledgeStore(@Reference StorageBackend backend) {
        this(backend.database(Store.KNOWLEDGE_MOUND));
    }

    /** Outside the framework (commands, tests): the store on a database at hand. */
    public static JdbcKnowledgeStore on(Database db) {
        return new JdbcKnowledgeStore(db);
    }

    private JdbcKnowledgeStore(Database db) {
        this.db = db;
        this.search = new KnowledgeSearch(db);
        this.upkeep = new KnowledgeUpkeep(db);
    }

    @Override
    public Stored upsert(NewNode node) {
        return upsertAll(List.of(node)).get(0);
    }

    @Override
    public List<Stored> upsertAll(List<NewNode> nodes) {
        List<NewNode> all = List.copyOf(nodes);
        if (all.isEmpty()) {
            return List.of();
        }
        return await(db.write(all.get(0).orgId(), c -> {
            List<Stored> stored = new ArrayList<>(all.size());
            for (NewNode n : all) {
                // hashed once: the hash canonicalises the content (a regex and SHA-256 per call)
                String hash = n.contentHash();
                Upserted u = upsert(c, n, hash);
                Instant at = n.provenance().at();
                stored.add(u.strengthened()
                        ? new Stored(Sql.one(c, "SELECT " + NODE_COLUMNS + " FROM km_nodes WHERE id = ?", KnowledgeRows::node, u.id()).orElseThrow(), true)
                        : new Stored(new KnowledgeNode(u.id(), n.orgId(), n.workspaceId(), n.kind(), n.content(), hash, n.confidence(),
                                Tier.MEDIUM, Validation.UNVERIFIED, 1, 0, n.metadata(), List.of(n.provenance()), at, at), false));
            }
            return stored;
        }));
    }

    /** A node stored: its id, and whether it existed and was strengthened. */
    private record Upserted(String id, boolean strengthened) {
    }

    /**
     * Stores {@code n} as a new node, or strengthens the node of its content. The stored
     * provenance is appended to as text, never bound to records: adapters strengthen the same
     * nodes with every debate on a recurring question.
     */
    private Upserted upsert(Connection c, NewNode n, String hash) throws SQLException {
        Instant at = n.provenance().at();
        String id = "kn-" + UUID.randomUUID();
        int inserted = Sql.update(c, "INSERT INTO km_nodes (" + NODE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 0, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (org_id, workspace_id, content_hash) DO NOTHING",
                id, n.orgId(), n.workspaceId(), n.kind(), n.content(), hash, n.confidence(), Tier.MEDIUM, Validation.UNVERIFIED,
                JsonCodec.write(n.metadata()), "[" + JsonCodec.write(n.provenance()) + "]", at, at, at);
        if (inserted == 1) {
            return new Upserted(id, false);
        }
        record Old(String id, int strength, String provenance) {
        }
        Old old = Sql.one(c, "SELECT id, strength, provenance FROM km_nodes WHERE org_id = ? AND workspace_id = ? AND content_hash = ?"
                + db.dialect().lockRow(), rs -> new Old(rs.getString(1), rs.getInt(2), rs.getString(3)), n.orgId(), n.workspaceId(),
                hash).orElseThrow();
        String provenance = KnowledgeRows.appendProvenance(old.provenance(), JsonCodec.write(n.provenance()), KnowledgeNode.MAX_PROVENANCE,
                (old.strength() + 1) % KnowledgeRows.TRIM_EVERY == 0);
        Sql.update(c, "UPDATE km_nodes SET strength = strength + 1, confidence = CASE WHEN confidence < ? THEN ? ELSE confidence END,"
                + " provenance = ?, updated_ns = ?, touched_ns = ? WHERE id = ?", n.confidence(), n.confidence(), provenance, at, at, old.id());
        return new Upserted(old.id(), true);
    }

    @Override
    public int importAll(List<KnowledgeNode> nodes, List<Relationship> relationships) {
        List<KnowledgeNode> ns = List.copyOf(nodes);
        List<Relationship> rs = List.copyOf(relationships);
        return db.writeAndWait(c -> {
            int added = 0;
            for (KnowledgeNode n : ns) {
                added += Sql.update(c, "INSERT INTO km_nodes (" + NODE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT DO NOTHING", n.id(), n.orgId(), n.workspaceId(), n.kind(), n.content(),
                        n.contentHash(), n.confidence(), n.tier(), n.validation(), n.strength(), n.uses(),
                        JsonCodec.write(n.metadata()), JsonCodec.write(n.provenance()), n.createdAt(), n.updatedAt(), n.updatedAt());
            }
            for (Relationship r : rs) {
                insertRelationship(c, r, r.provenance().at());
            }
            return added;
        });
    }

    @Override
    public Optional<KnowledgeNode> find(String orgId, String id) {
        return db.read(c -> Sql.one(c, "SELECT " + NODE_COLUMNS + " FROM km_nodes WHERE id = ? AND org_id = ?",
                KnowledgeRows::node, id, orgId));
    }

    @Override
    public List<KnowledgeNode> find(String orgId, Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        // By id alone, the org checked here: with both in the WHERE clause SQLite may walk the org's index instead.
        List<KnowledgeNode> found = db.read(c -> Sql.list(c, "SELECT " + NODE_COLUMNS + " FROM km_nodes WHERE id IN ("
                + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")", KnowledgeRows::node, ids.toArray()));
        return found.stream().filter(n -> n.orgId().equals(orgId)).toList();
    }

    @Override
    public Page<KnowledgeNode> list(String orgId, String workspaceId, NodeKind kind, int offset, int limit) {
        StringBuilder where = new StringBuilder(" WHERE org_id = ?");
        List<Object> args = new ArrayList<>(List.of(orgId));
        if (workspaceId != null) {
            where.append(" AND workspace_id = ?");
            args.add(workspaceId);
        }
        if (kind != null) {
            where.append(" AND kind = ?");
            args.add(kind);
        }
        int from = Math.max(0, offset);
        int size = Math.min(Math.max(0, limit), 1000);
        return db.read(c -> {
            long total = Sql.count(c, "SELECT COUNT(*) FROM km_nodes" + where, args.toArray());
            List<Object> paged = new ArrayList<>(args);
            paged.add(size);
            paged.add(from);
            return new Page<>(Sql.list(c, "SELECT " + NODE_COLUMNS + " FROM km_nodes" + where
                    + " ORDER BY created_ns DESC, id LIMIT ? OFFSET ?", KnowledgeRows::node, paged.toArray()), total, from, size);
        });
    }

    @Override
    public List<KnowledgeNode> nodesAfter(String orgId, String workspaceId, String afterId, int limit) {
        String where = workspaceId == null ? "" : " AND workspace_id = ?";
        List<Object> args = new ArrayList<>(List.of(orgId, afterId == null ? "" : afterId));
        if (workspaceId != null) {
            args.add(workspaceId);
        }
        args.add(Math.min(Math.max(1, limit), 10_000));
        return db.read(c -> Sql.list(c, "SELECT " + NODE_COLUMNS + " FROM km_nodes WHERE org_id = ? AND id > ?" + where
                + " ORDER BY id LIMIT ?", KnowledgeRows::node, args.toArray()));
    }

    @Override
    public List<Relationship> relationshipsAfter(String orgId, String afterId, int limit) {
        return db.read(c -> Sql.list(c, "SELECT " + RELATIONSHIP_COLUMNS + " FROM km_relationships WHERE org_id = ? AND id > ?"
                + " ORDER BY id LIMIT ?", KnowledgeRows::relationship, orgId, afterId == null ? "" : afterId,
                Math.min(Math.max(1, limit), 10_000)));
    }

    @Override
    public boolean delete(String orgId, String id) {
        return db.writeAndWait(c -> Sql.update(c, "DELETE FROM km_nodes WHERE id = ? AND org_id = ?", id, orgId) == 1);
    }

    @Override
    public Relationship relate(String orgId, String sourceId, String targetId, RelationType type, Provenance provenance) {
        Relationship wanted = new Relationship("kr-" + UUID.randomUUID(), orgId, sourceId, targetId, type, provenance);
        return db.writeAndWait(c -> {
            for (String node : List.of(sourceId, targetId)) {
                if (Sql.count(c, "SELECT COUNT(*) FROM km_nodes WHERE id = ? AND org_id = ?", node, orgId) == 0) {
                    throw new IllegalArgumentException("no node " + node + " in this org");
                }
            }
            insertRelationship(c, wanted, provenance.at());
            return Sql.one(c, "SELECT " + RELATIONSHIP_COLUMNS + " FROM km_relationships WHERE source_id = ? AND target_id = ? AND type = ?",
                    KnowledgeRows::relationship, sourceId, targetId, type).orElseThrow();
        });
    }

    /** Both ends must be nodes of the relationship's org: a relationship never crosses orgs. */
    private static void insertRelationship(Connection c, Relationship r, Instant at) throws SQLException {
        long ends = Sql.count(c, "SELECT COUNT(*) FROM km_nodes WHERE id IN (?, ?) AND org_id = ?", r.sourceId(), r.targetId(), r.orgId());
        if (ends != 2) {
            throw new IllegalArgumentException("relationship " + r.id() + " joins nodes that are not both of org " + r.orgId());
        }
        Sql.update(c, "INSERT INTO km_relationships (" + RELATIONSHIP_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT DO NOTHING", r.id(), r.orgId(), r.sourceId(), r.targetId(), r.type(), JsonCodec.write(r.provenance()), at);
    }

    @Override
    public List<Relationship> relationships(String orgId, String nodeId) {
        return db.read(c -> Sql.list(c, "SELECT " + RELATIONSHIP_COLUMNS + " FROM km_relationships WHERE org_id = ?"
                + " AND (source_id = ? OR target_id = ?) ORDER BY created_ns, id", KnowledgeRows::relationship, orgId, nodeId, nodeId));
    }

    @Override
    public List<ScoredNode> lexical(KnowledgeQuery query) {
        return search.lexical(query);
    }

    @Override
    public CompletionStage<Void> used(String orgId, Collection<String> ids, Instant at) {
        List<Object[]> rows = new ArrayList<>();
        for (String id : ids) {
            rows.add(new Object[] {at, id, orgId});
        }
        return db.write(orgId, c -> {
            Sql.batch(c, "UPDATE km_nodes SET uses = uses + 1, touched_ns = ?, tier = CASE tier WHEN 'GLACIAL' THEN 'SLOW'"
                    + " WHEN 'SLOW' THEN 'MEDIUM' ELSE 'FAST' END WHERE id = ? AND org_id = ?", rows);
            return null;
        });
    }

    @Override
    public int demote(Tier tier, Instant since) {
        return upkeep.demote(tier, since);
    }

    @Override
    public int decay(Instant now, Duration grace, Duration halfLife, double floor) {
        return upkeep.decay(now, grace, halfLife, floor);
    }

    @Override
    public List<String> expire(Instant since) {
        return upkeep.expire(since);
    }

    @Override
    public MoundStats stats(String orgId, String workspaceId) {
        String where = " WHERE org_id = ?" + (workspaceId == null ? "" : " AND workspace_id = ?");
        Object[] args = workspaceId == null ? new Object[] {orgId} : new Object[] {orgId, workspaceId};
        return db.read(c -> {
            Map<NodeKind, Long> byKind = new EnumMap<>(NodeKind.class);
            Sql.list(c, "SELECT kind, COUNT(*) FROM km_nodes" + where + " GROUP BY kind", rs -> byKind.put(
                    NodeKind.valueOf(rs.getString(1)), rs.getLong(2)), args);
            Map<Tier, Long> byTier = new EnumMap<>(Tier.class);
            Sql.list(c, "SELECT tier, COUNT(*) FROM km_nodes" + where + " GROUP BY tier", rs -> byTier.put(
                    Tier.valueOf(rs.getString(1)), rs.getLong(2)), args);
            long nodes = byKind.values().stream().mapToLong(Long::longValue).sum();
            double confidence = Sql.one(c, "SELECT AVG(confidence) FROM km_nodes" + where, rs -> rs.getDouble(1), args).orElse(0.0);
            long relationships = Sql.count(c, "SELECT COUNT(*) FROM km_relationships r WHERE r.source_id IN (SELECT id FROM km_nodes"
                    + where + ")", args);
            long embedded = Sql.count(c, "SELECT COUNT(DISTINCT v.node_id) FROM km_vectors v WHERE v.node_id IN (SELECT id FROM km_nodes"
                    + where + ")", args);
            return new MoundStats(nodes, relationships, byKind, byTier, embedded, confidence);
        });
    }

    // --- the inbox of finished debates and the adapters' cursors

    @Override
    public void enqueue(String debateId, Instant at) {
        await(db.write(INBOX_KEY, c -> Sql.update(c, "INSERT INTO km_inbox (debate_id, queued_ns) VALUES (?, ?)"
                + " ON CONFLICT (debate_id) DO NOTHING", debateId, at)));
    }

    @Override
    public List<Queued> queued(long afterSeq, int limit) {
        return db.read(c -> Sql.list(c, "SELECT seq, debate_id FROM km_inbox WHERE seq > ? ORDER BY seq LIMIT ?",
                rs -> new Queued(rs.getLong(1), rs.getString(2)), afterSeq, Math.min(Math.max(1, limit), 1000)));
    }

    @Override
    public long cursor(String adapter) {
        return db.read(c -> Sql.one(c, "SELECT seq FROM km_cursors WHERE adapter = ?", rs -> rs.getLong(1), adapter).orElse(0L));
    }

    @Override
    public Map<String, Long> cursors() {
        Map<String, Long> out = new LinkedHashMap<>();
        db.read(c -> Sql.list(c, "SELECT adapter, seq FROM km_cursors ORDER BY adapter", rs -> out.put(rs.getString(1), rs.getLong(2))));
        return out;
    }

    @Override
    public boolean learn(String adapter, long seq, Learned learned) {
        return db.writeAndWait(c -> learn(c, adapter, seq, learned));
    }

    @Override
    public CompletionStage<Boolean> learnQueued(String adapter, long seq, Learned learned) {
        return db.write(c -> learn(c, adapter, seq, learned));
    }

    private boolean learn(Connection c, String adapter, long seq, Learned learned) throws SQLException {
        Instant now = Instant.now();
        long at = Sql.one(c, "SELECT seq FROM km_cursors WHERE adapter = ?" + db.dialect().lockRow(), rs -> rs.getLong(1), adapter)
                .orElse(0L);
        if (at >= seq) {
            return false;
        }
        List<String> ids = new ArrayList<>();
        for (NewNode n : learned.nodes()) {
            ids.add(upsert(c, n, n.contentHash()).id());
        }
        for (Learned.Link l : learned.links()) {
            NewNode source = learned.nodes().get(l.source());
            if (!ids.get(l.source()).equals(ids.get(l.target()))) {
                insertRelationship(c, new Relationship("kr-" + UUID.randomUUID(), source.orgId(), ids.get(l.source()),
                        ids.get(l.target()), l.type(), source.provenance()), source.provenance().at());
            }
        }
        Sql.update(c, "INSERT INTO km_cursors (adapter, seq, updated_ns) VALUES (?, ?, ?) ON CONFLICT (adapter)"
                + " DO UPDATE SET seq = excluded.seq, updated_ns = excluded.updated_ns", adapter, seq, now);
        return true;
    }

    /** A keyed write's outcome, its own exception unwrapped (an invalid import is the caller's error, not the store's). */
    private static <T> T await(CompletionStage<T> write) {
        try {
            return write.toCompletableFuture().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    // --- vectors

    @Override
    public void putVectors(String model, Map<String, float[]> vectors) {
        List<Object[]> rows = new ArrayList<>();
        vectors.forEach((id, v) -> rows.add(new Object[] {id, model, KnowledgeRows.bytes(v)}));
        db.writeAndWait(c -> {
            // A node deleted meanwhile has no vector to keep: insert only beside nodes that exist.
            Sql.batch(c, "INSERT INTO km_vectors (node_id, model, vector) SELECT id, ?, ? FROM km_nodes WHERE id = ?"
                    + " ON CONFLICT (model, node_id) DO UPDATE SET vector = excluded.vector",
                    rows.stream().map(r -> new Object[] {r[1], r[2], r[0]}).toList());
            return null;
        });
    }

    @Override
    public List<NodeVector> vectors(String model, String afterId, int limit) {
        return db.read(c -> Sql.list(c, "SELECT v.node_id, n.org_id, n.workspace_id, v.vector FROM km_vectors v"
                + " JOIN km_nodes n ON n.id = v.node_id WHERE v.model = ? AND v.node_id > ? ORDER BY v.node_id LIMIT ?",
                rs -> new NodeVector(rs.getString(1), rs.getString(2), rs.getString(3), KnowledgeRows.floats(rs.getBytes(4))),
                model, afterId == null ? "" : afterId, Math.min(Math.max(1, limit), 10_000)));
    }

    @Override
    public List<KnowledgeNode> unembedded(String model, String afterId, int limit) {
        return db.read(c -> Sql.list(c, "SELECT " + NODE_COLUMNS + " FROM km_nodes n WHERE n.id > ? AND NOT EXISTS"
                + " (SELECT 1 FROM km_vectors v WHERE v.model = ? AND v.node_id = n.id) ORDER BY n.id LIMIT ?",
                KnowledgeRows::node, afterId == null ? "" : afterId, model, Math.min(Math.max(1, limit), 10_000)));
    }
}
