package ai.aragora.storage.jdbc.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.storage.UsageRow;
import ai.aragora.api.storage.UsageStore;
import ai.aragora.storage.jdbc.Database;
import ai.aragora.storage.jdbc.StorageBackend;
import ai.aragora.storage.jdbc.Store;
import ai.aragora.storage.jdbc.statement.Sql;

/**
 * Usage per org, day, agent and model in the {@code aragora} store's {@code debate_usage}. A
 * debate's result is stored with a pending mark ({@link JdbcDebateStore#complete}); its rows are
 * then added by a keyless write, on the writer that holds the rows every debate shares, so that
 * two writers never take the same rows' locks in opposite orders. Removing the mark in that same
 * commit makes the count once-only, also between servers. Marks left behind (results stored
 * before the table existed, or a server stopped in between) are counted after start.
 */
@Component(service = UsageStore.class, property = "service.ranking:Integer=100")
public class JdbcUsageStore implements UsageStore {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcUsageStore.class);
    static final int BATCH = 500;

    private final Database db;

    @Activate
    public JdbcUsageStore(@Reference StorageBackend backend) {
        this(backend.database(Store.ARAGORA));
        countPending().whenComplete((n, failure) -> {
            if (failure != null) {
                LOG.warn("counting the usage of stored debates failed; it is tried again at the next start: {}", failure.toString());
            } else if (n > 0) {
                LOG.info("counted the usage of {} stored debates", n);
            }
        });
    }

    /** Outside the framework (commands, tests): the store on a database at hand. */
    public static JdbcUsageStore on(Database db) {
        return new JdbcUsageStore(db);
    }

    private JdbcUsageStore(Database db) {
        this.db = db;
    }

    @Override
    public List<UsageRow> usage(String orgId, LocalDate from) {
        String sql = "SELECT day, agent, model, SUM(debates), SUM(calls), SUM(input_tokens), SUM(output_tokens), SUM(cost_usd)"
                + " FROM debate_usage WHERE day >= ?" + (orgId == null ? "" : " AND org_id = ?")
                + " GROUP BY day, agent, model ORDER BY day, agent, model";
        Object[] args = orgId == null ? new Object[] {from.toString()} : new Object[] {from.toString(), orgId};
        return db.read(c -> Sql.list(c, sql, rs -> new UsageRow(orgId, LocalDate.parse(rs.getString(1)), rs.getString(2),
                rs.getString(3).isEmpty() ? null : rs.getString(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7),
                rs.getDouble(8)), args));
    }

    @Override
    public long uncounted() {
        return db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM debate_usage_pending"));
    }

    /** Counts every marked debate, a batch per write; completes with how many were counted. */
    public CompletionStage<Long> countPending() {
        return countPending(0);
    }

    private CompletionStage<Long> countPending(long before) {
        return db.write(JdbcUsageStore::countBatch).thenCompose(n -> n == 0 ? CompletableFuture.completedStage(before)
                : countPending(before + n));
    }

    private static int countBatch(Connection c) throws SQLException {
        record Stored(String debateId, String orgId, String result, long completedNs) {
        }
        List<Stored> batch = Sql.list(c, "SELECT p.debate_id, d.org_id, r.result, r.completed_ns FROM debate_usage_pending p"
                + " LEFT JOIN debates d ON d.id = p.debate_id LEFT JOIN debate_results r ON r.debate_id = p.debate_id"
                + " ORDER BY p.debate_id LIMIT " + BATCH,
                rs -> new Stored(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)));
        for (Stored s : batch) {
            if (s.result() == null) {
                // deleted since: nothing to count
                Sql.update(c, "DELETE FROM debate_usage_pending WHERE debate_id = ?", s.debateId());
                continue;
            }
            count(c, s.debateId(), rows(s.orgId(), JsonCodec.read(s.result(), DebateResult.class), Sql.instant(s.completedNs())));
        }
        return batch.size();
    }

    /** The rows a stored result adds. */
    static List<UsageRow> rows(String orgId, DebateResult result, Instant completed) {
        return UsageRow.of(orgId, completed, result.usage());
    }

    /** Queues the count of one debate whose result was just stored with its mark. */
    static void count(Database db, String debateId, List<UsageRow> rows) {
        try {
            db.write(c -> count(c, debateId, rows)).whenComplete((counted, failure) -> {
                if (failure != null) {
                    LOG.warn("the usage of debate {} is counted at the next start: {}", debateId, failure.toString());
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("the usage of debate {} is counted at the next start: {}", debateId, e.toString());
        }
    }

    /** Adds the rows if the debate is still marked, removing the mark: false when it was counted already. */
    static boolean count(Connection c, String debateId, List<UsageRow> rows) throws SQLException {
        if (Sql.update(c, "DELETE FROM debate_usage_pending WHERE debate_id = ?", debateId) != 1) {
            return false;
        }
        List<Object[]> args = new ArrayList<>();
        for (UsageRow r : rows) {
            args.add(new Object[] {r.orgId(), r.day().toString(), r.agent(), r.model() == null ? "" : r.model(), r.debates(), r.calls(),
                    r.inputTokens(), r.outputTokens(), r.costUsd()});
        }
        Sql.batch(c, "INSERT INTO debate_usage (org_id, day, agent, model, debates, calls, input_tokens, output_tokens, cost_usd)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (org_id, day, agent, model) DO UPDATE SET"
                + " debates = debate_usage.debates + excluded.debates, calls = debate_usage.calls + excluded.calls,"
                + " input_tokens = debate_usage.input_tokens + excluded.input_tokens,"
                + " output_tokens = debate_usage.output_tokens + excluded.output_tokens,"
                + " cost_usd = debate_usage.cost_usd + excluded.cost_usd", args);
        return true;
    }
}
