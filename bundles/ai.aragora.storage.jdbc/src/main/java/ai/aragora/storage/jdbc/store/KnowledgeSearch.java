package ai.aragora.storage.jdbc.store;

import static ai.aragora.storage.jdbc.store.KnowledgeRows.NODE_COLUMNS;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import ai.aragora.api.knowledge.KnowledgeNode;
import ai.aragora.api.knowledge.KnowledgeQuery;
import ai.aragora.api.knowledge.NodeKind;
import ai.aragora.api.knowledge.ScoredNode;
import ai.aragora.api.knowledge.Tier;
import ai.aragora.storage.jdbc.Database;
import ai.aragora.storage.jdbc.Dialect;
import ai.aragora.storage.jdbc.statement.Sql;

/** Full-text search of one org's nodes: SQLite FTS5 with bm25, PostgreSQL tsvector with ts_rank_cd. */
final class KnowledgeSearch {

    /** How many of the full-text index's best matches the org's filters look at first (SQLite). */
    static final int PREFILTER = 200;
    /** How many matching rows are ranked for one question at most, unless its rarest word alone matches more. */
    static final int RANKED_ROWS = 2_000;

    private final Database db;
    /** PostgreSQL's own word statistics; null on SQLite, where FTS5 counts a word's matches in microseconds. */
    private final LexemeStatistics statistics;

    KnowledgeSearch(Database db) {
        this.db = db;
        this.statistics = db.dialect() == Dialect.SQLITE ? null : new LexemeStatistics(db, System::nanoTime);
    }

    List<ScoredNode> lexical(KnowledgeQuery q) {
        Set<String> words = FullTextQuery.words(q.text());
        if (words.isEmpty()) {
            return List.of();
        }
        if (db.dialect() == Dialect.SQLITE) {
            String match = FullTextQuery.of(rankedWords(words), Dialect.SQLITE);
            // The full-text index ranks first and alone (only row ids travel); the org's filters apply to its
            // best few hundred. Should they leave fewer than asked for, every match is filtered instead.
            int prefilter = Math.max(PREFILTER, q.limit() * 8);
            List<ScoredNode> hits = run(q, match, prefilter);
            return hits.size() < q.limit() && matches(match) > prefilter ? run(q, match, 0) : hits;
        }
        return run(q, FullTextQuery.of(rankedWords(words), db.dialect()), 0);
    }

    /**
     * The words a question is ranked by: all of them while their matches together stay within
     * {@link #RANKED_ROWS}, else the rarest that do (the rarest one at least). The backend ranks
     * every row a query matches before any limit applies (FTS5 bm25 2 microseconds a match, 0018;
     * PostgreSQL ts_rank_cd 6, 0031), and a common word adds the least to the score of the best
     * matches: its inverse document frequency is the lowest. SQLite counts each word's matches;
     * PostgreSQL estimates them from its statistics, and words outside them are always kept.
     */
    Collection<String> rankedWords(Set<String> words) {
        if (words.size() == 1) {
            return words;
        }
        List<String> ordered = List.copyOf(words);
        long[] matches = statistics != null ? statistics.estimate(ordered) : counts(ordered);
        List<Integer> rarestFirst = new ArrayList<>();
        long rows = 0;
        Set<String> kept = new LinkedHashSet<>();
        for (int i = 0; i < ordered.size(); i++) {
            if (matches[i] == LexemeStatistics.UNCOMMON) {
                kept.add(ordered.get(i));
            } else {
                rarestFirst.add(i);
                rows += matches[i];
            }
        }
        if (rows <= RANKED_ROWS) {
            return words;
        }
        rarestFirst.sort(Comparator.comparingLong(i -> matches[i]));
        rows = 0;
        for (int i : rarestFirst) {
            if (matches[i] > 0 && (kept.isEmpty() || rows + matches[i] <= RANKED_ROWS)) {
                kept.add(ordered.get(i));
                rows += matches[i];
            }
        }
        return kept.isEmpty() ? words : kept;
    }

    private long[] counts(List<String> words) {
        String counts = String.join(", ", Collections.nCopies(words.size(),
                "(SELECT COUNT(*) FROM km_nodes_fts WHERE km_nodes_fts MATCH ?)"));
        return db.read(c -> Sql.one(c, "SELECT " + counts, rs -> {
            long[] out = new long[words.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = rs.getLong(i + 1);
            }
            return out;
        }, words.stream().map(w -> (Object) FullTextQuery.of(List.of(w), Dialect.SQLITE)).toArray())).orElseThrow();
    }

    private long matches(String match) {
        return db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM km_nodes_fts WHERE km_nodes_fts MATCH ?", match));
    }

    /** With {@code prefilter} above 0 (SQLite), only the index's best {@code prefilter} matches are filtered. */
    private List<ScoredNode> run(KnowledgeQuery q, String match, int prefilter) {
        List<Object> args = new ArrayList<>();
        args.add(match);
        StringBuilder sql = new StringBuilder();
        if (db.dialect() == Dialect.SQLITE) {
            // rank is bm25, negative, the best most so: ordering ascending puts the best first.
            sql.append("SELECT ").append(prefixed("n.")).append(", f.rank AS rank FROM (SELECT rowid, rank FROM km_nodes_fts")
                    .append(" WHERE km_nodes_fts MATCH ? ORDER BY rank");
            if (prefilter > 0) {
                sql.append(" LIMIT ?");
                args.add(prefilter);
            }
            // CROSS JOIN keeps the ranked matches the outer loop: SQLite 3.54 otherwise walks every node of the
            // org through km_nodes_by_org and probes the matches (10 ms at 100,000 nodes, 68 ms with recall's filters,
            // against 4 ms this way).
            sql.append(") f CROSS JOIN km_nodes n ON n.nid = f.rowid WHERE 1 = 1");
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
        return String.join(", ", Collections.nCopies(n, "?"));
    }
}
