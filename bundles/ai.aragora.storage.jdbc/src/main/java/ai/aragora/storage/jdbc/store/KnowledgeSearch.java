package ai.aragora.storage.jdbc.store;

import static ai.aragora.storage.jdbc.store.KnowledgeRows.NODE_COLUMNS;

import java.util.ArrayList;
import java.util.List;

import ai.aragora.api.knowledge.KnowledgeNode;
import ai.aragora.api.knowledge.KnowledgeQuery;
import ai.aragora.api.knowledge.NodeKind;
import ai.aragora.api.knowledge.ScoredNode;
import ai.aragora.api.knowledge.Tier;
import ai.aragora.storage.jdbc.Database;
import ai.aragora.storage.jdbc.Dialect;
import ai.aragora.storage.jdbc.sql.Sql;

/** Full-text search of one org's nodes: SQLite FTS5 with bm25, PostgreSQL tsvector with ts_rank_cd. */
final class KnowledgeSearch {

    private final Database db;

    KnowledgeSearch(Database db) {
        this.db = db;
    }

    List<ScoredNode> lexical(KnowledgeQuery q) {
        String match = FullTextQuery.of(q.text(), db.dialect());
        if (match.isEmpty()) {
            return List.of();
        }
        List<Object> args = new ArrayList<>();
        args.add(match);
        StringBuilder sql = new StringBuilder();
        if (db.dialect() == Dialect.SQLITE) {
            // bm25 is negative, the best most so: ordering ascending puts the best first.
            sql.append("SELECT ").append(prefixed("n.")).append(", bm25(km_nodes_fts) AS rank FROM km_nodes_fts")
                    .append(" JOIN km_nodes n ON n.nid = km_nodes_fts.rowid WHERE km_nodes_fts MATCH ?");
        } else {
            sql.append("SELECT ").append(prefixed("n.")).append(", -ts_rank_cd(n.content_tsv, q) AS rank")
                    .append(" FROM km_nodes n, to_tsquery('english', ?) q WHERE n.content_tsv @@ q");
        }
        sql.append(" AND n.org_id = ?");
        args.add(q.orgId());
        if (q.workspaceId() != null) {
            sql.append(" AND n.workspace_id = ?");
            args.add(q.workspaceId());
        }
        if (q.minConfidence() > 0) {
            sql.append(" AND n.confidence >= ?");
            args.add(q.minConfidence());
        }
        if (!q.kinds().isEmpty()) {
            sql.append(" AND n.kind IN (").append(placeholders(q.kinds().size())).append(')');
            q.kinds().stream().map(NodeKind::name).forEach(args::add);
        }
        if (q.coldest() != Tier.GLACIAL) {
            sql.append(" AND n.tier IN (").append(placeholders(q.coldest().ordinal() + 1)).append(')');
            for (Tier t : Tier.values()) {
                if (t.ordinal() <= q.coldest().ordinal()) {
                    args.add(t.name());
                }
            }
        }
        sql.append(" ORDER BY rank, n.id LIMIT ?");
        args.add(q.limit());
        record Hit(KnowledgeNode node, double rank) {
        }
        List<Hit> hits = db.read(c -> Sql.list(c, sql.toString(), rs -> new Hit(KnowledgeRows.node(rs), rs.getDouble("rank")),
                args.toArray()));
        if (hits.isEmpty()) {
            return List.of();
        }
        double best = hits.get(0).rank();
        List<ScoredNode> scored = new ArrayList<>(hits.size());
        for (Hit h : hits) {
            double lexical = best < 0 ? h.rank() / best : 1;
            scored.add(new ScoredNode(h.node(), lexical, lexical, 0));
        }
        return scored;
    }

    private static String prefixed(String alias) {
        return alias + NODE_COLUMNS.replace(", ", ", " + alias);
    }

    private static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }
}
