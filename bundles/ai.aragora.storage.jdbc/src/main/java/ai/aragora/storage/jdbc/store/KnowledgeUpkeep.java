package ai.aragora.storage.jdbc.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import ai.aragora.api.knowledge.Tier;
import ai.aragora.storage.jdbc.Database;
import ai.aragora.storage.jdbc.statement.Sql;

/**
 * What age does to the mound's nodes: cooling to a colder tier, decaying confidence, and deleting
 * glacial nodes past their retention. Every statement is safe to run again and from several
 * instances at once.
 */
final class KnowledgeUpkeep {

    /** Deletes run in slices, so one expiry never holds the writer for long. */
    private static final int EXPIRE_SLICE = 500;

    private final Database db;

    KnowledgeUpkeep(Database db) {
        this.db = db;
    }

    int demote(Tier tier, Instant since) {
        return db.writeAndWait(c -> Sql.update(c, "UPDATE km_nodes SET tier = ? WHERE tier = ? AND touched_ns < ?",
                tier.demoted(), tier, since));
    }

    /**
     * One statement: the exponent is the time since the later of the grace's end and the previous
     * decay, so a pass never charges a node twice for the same time.
     */
    int decay(Instant now, Duration grace, Duration halfLife, double floor) {
        if (halfLife.isZero() || halfLife.isNegative()) {
            throw new IllegalArgumentException("the half-life must be positive, not " + halfLife);
        }
        String greatest = db.dialect().greatest();
        long at = Sql.nanos(now);
        long graceNs = grace.toNanos();
        String since = greatest + "(touched_ns + ?, COALESCE(decayed_ns, 0))";
        return db.writeAndWait(c -> Sql.update(c, "UPDATE km_nodes SET confidence = " + greatest
                + "(?, confidence * power(?, (? - " + since + ") / ?)), decayed_ns = ?"
                + " WHERE touched_ns < ? AND confidence > ? AND COALESCE(decayed_ns, 0) < ?",
                floor, 0.5, at, graceNs, (double) halfLife.toNanos(), at, at - graceNs, floor, at));
    }

    List<String> expire(Instant since) {
        List<String> expired = new ArrayList<>();
        while (true) {
            List<String> slice = db.writeAndWait(c -> {
                // held until the delete: a use meanwhile waits, and finds the node gone
                List<String> ids = Sql.list(c, "SELECT id FROM km_nodes WHERE tier = ? AND touched_ns < ? ORDER BY id LIMIT ?"
                        + db.dialect().lockRow(), rs -> rs.getString(1), Tier.GLACIAL, since, EXPIRE_SLICE);
                List<Object[]> rows = new ArrayList<>(ids.size());
                for (String id : ids) {
                    rows.add(new Object[] {id});
                }
                Sql.batch(c, "DELETE FROM km_nodes WHERE id = ?", rows);
                return ids;
            });
            expired.addAll(slice);
            if (slice.size() < EXPIRE_SLICE) {
                return expired;
            }
        }
    }
}
