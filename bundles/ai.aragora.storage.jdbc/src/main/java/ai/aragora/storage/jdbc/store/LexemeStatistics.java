package ai.aragora.storage.jdbc.store;

import java.sql.Array;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import ai.aragora.storage.jdbc.Database;
import ai.aragora.storage.jdbc.statement.Sql;

/**
 * How many nodes each common word of the mound is in (PostgreSQL), read from the lexeme
 * statistics ANALYZE keeps for {@code km_nodes.content_tsv} (autovacuum refreshes them after
 * bulk writes) and re-read every minute. Counting a common word's matches through the GIN
 * index costs 2-5 ms a word at 100,000 nodes; these cost nothing per question. A word outside
 * the statistics is rarer than every word in them.
 */
final class LexemeStatistics {

    /** Not in the statistics: rarer than the least common word there. */
    static final long UNCOMMON = -1;
    private static final long REFRESH_NANOS = TimeUnit.MINUTES.toNanos(1);

    /** Rows per common lexeme, as last read. */
    private record Snapshot(Map<String, Long> rows, long readAt) {
    }

    private final Database db;
    private final LongSupplier clock;
    private volatile Snapshot snapshot;

    LexemeStatistics(Database db, LongSupplier clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * For each word (as {@link FullTextQuery#words} gives them), the nodes its lexeme is in by the
     * statistics, {@link #UNCOMMON} when it is not among them, 0 when it has no lexeme (a stop word
     * of the text-search configuration).
     */
    long[] estimate(List<String> words) {
        Map<String, Long> rows = current().rows();
        long[] estimates = new long[words.size()];
        if (rows.isEmpty()) {
            // Never analyzed: no word is known to be common, so none needs stemming to look it up.
            Arrays.fill(estimates, UNCOMMON);
            return estimates;
        }
        String columns = String.join(", ", Collections.nCopies(words.size(), "to_tsquery('english', ?)::text"));
        String[] lexemes = db.read(c -> Sql.one(c, "SELECT " + columns, rs -> {
            String[] out = new String[words.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = rs.getString(i + 1);
            }
            return out;
        }, words.toArray())).orElseThrow();
        for (int i = 0; i < lexemes.length; i++) {
            estimates[i] = estimate(lexemes[i], rows);
        }
        return estimates;
    }

    /** A word may stem to several lexemes that must all match ('a' & 'b'): as common as the rarest of them. */
    private static long estimate(String tsquery, Map<String, Long> rows) {
        long least = Long.MAX_VALUE;
        boolean any = false;
        for (String part : tsquery.split("&")) {
            String lexeme = part.strip();
            if (lexeme.length() < 3) {
                continue;
            }
            any = true;
            least = Math.min(least, rows.getOrDefault(lexeme.substring(1, lexeme.length() - 1), UNCOMMON));
        }
        return any ? least : 0;
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        long now = clock.getAsLong();
        if (s == null || now - s.readAt() > REFRESH_NANOS) {
            s = new Snapshot(read(), now);
            snapshot = s;
        }
        return s;
    }

    /** Empty until the table was analyzed once. */
    private Map<String, Long> read() {
        return db.read(c -> Sql.one(c, "SELECT s.most_common_elems::text::text[], s.most_common_elem_freqs, t.reltuples"
                + " FROM pg_stats s JOIN pg_namespace n ON n.nspname = s.schemaname"
                + " JOIN pg_class t ON t.relnamespace = n.oid AND t.relname = s.tablename"
                + " WHERE s.schemaname = current_schema() AND s.tablename = 'km_nodes' AND s.attname = 'content_tsv'", rs -> {
                    Array elems = rs.getArray(1);
                    Array freqs = rs.getArray(2);
                    double tuples = rs.getDouble(3);
                    Map<String, Long> rows = new HashMap<>();
                    if (elems == null || freqs == null || tuples <= 0) {
                        return rows;
                    }
                    String[] lexemes = (String[]) elems.getArray();
                    Float[] fractions = (Float[]) freqs.getArray();
                    // The fractions end with two or three summary values (their minimum, maximum, nulls).
                    for (int i = 0; i < lexemes.length && i < fractions.length; i++) {
                        rows.put(lexemes[i], Math.round(fractions[i] * tuples));
                    }
                    return rows;
                })).orElse(Map.of());
    }
}
