package ai.aragora.storage.jdbc.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import ai.aragora.api.storage.DecisionFeedback;
import ai.aragora.api.storage.DecisionResult;
import ai.aragora.api.storage.DecisionResultStore;
import ai.aragora.api.storage.Page;
import ai.aragora.storage.jdbc.Database;
import ai.aragora.storage.jdbc.StorageBackend;
import ai.aragora.storage.jdbc.Store;
import ai.aragora.storage.jdbc.statement.Sql;

/** Decisions and the feedback on them in the {@code decision_results} store. */
@Component(service = DecisionResultStore.class, property = "service.ranking:Integer=100")
public class JdbcDecisionResultStore implements DecisionResultStore {

    private static final String COLUMNS = "id, workspace_id, request_key, route, policy_version, result, cached, duration_ms, decided_ns,"
            + " org_id, status, priority, request, receipt_id, cached_from, retried_from, error, created_ns";
    private static final String FEEDBACK_COLUMNS = "id, decision_id, org_id, type, score, comment, created_by, created_ns";

    private final Database db;

    @Activate
    public JdbcDecisionResultStore(@Reference StorageBackend backend) {
        this(backend.database(Store.DECISION_RESULTS));
    }

    /** Outside the framework (commands, tests): the store on a database at hand. */
    public static JdbcDecisionResultStore on(Database db) {
        return new JdbcDecisionResultStore(db);
    }

    /** Private: DS would otherwise consider it when choosing the activation constructor. */
    private JdbcDecisionResultStore(Database db) {
        this.db = db;
    }

    @Override
    public CompletionStage<Void> record(DecisionResult r) {
        return db.write(c -> {
            Sql.update(c, "INSERT INTO decision_results (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (id) DO NOTHING",
                    r.id(), r.workspaceId(), r.requestKey(), r.route(), r.policyVersion(), r.result(), r.cached(),
                    r.durationMillis(), r.decidedAt(), r.orgId(), r.status(), r.priority(), r.request(), r.receiptId(),
                    r.cachedFrom(), r.retriedFrom(), r.error(), r.createdAt());
            return null;
        });
    }

    @Override
    public CompletionStage<Boolean> update(DecisionResult r) {
        return db.write(c -> Sql.update(c, "UPDATE decision_results SET status = ?, result = ?, receipt_id = ?, error = ?,"
                + " duration_ms = ?, decided_ns = ? WHERE id = ?", r.status(), r.result(), r.receiptId(), r.error(),
                r.durationMillis(), r.decidedAt(), r.id()) == 1);
    }

    @Override
    public Page<DecisionResult> list(String orgId, String status, String route, int offset, int limit) {
        int from = Math.max(0, offset);
        int size = Math.min(Math.max(0, limit), 1000);
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>(5);
        for (String[] filter : new String[][] {{"org_id", orgId}, {"status", status}, {"route", route}}) {
            if (filter[1] != null) {
                where.append(" AND ").append(filter[0]).append(" = ?");
                args.add(filter[1]);
            }
        }
        Object[] countArgs = args.toArray();
        args.add(size);
        args.add(from);
        return db.read(c -> new Page<>(Sql.list(c, "SELECT " + COLUMNS + " FROM decision_results" + where
                + " ORDER BY created_ns DESC, id DESC LIMIT ? OFFSET ?", JdbcDecisionResultStore::result, args.toArray()),
                Sql.count(c, "SELECT COUNT(*) FROM decision_results" + where, countArgs), from, size));
    }

    @Override
    public CompletionStage<Void> feedback(DecisionFeedback f) {
        return db.write(c -> {
            Sql.update(c, "INSERT INTO decision_feedback (" + FEEDBACK_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (id) DO NOTHING", f.id(), f.decisionId(), f.orgId(), f.type(), f.score(), f.comment(),
                    f.createdBy(), f.createdAt());
            return null;
        });
    }

    @Override
    public List<DecisionFeedback> feedbackOn(String decisionId) {
        return db.read(c -> Sql.list(c, "SELECT " + FEEDBACK_COLUMNS + " FROM decision_feedback WHERE decision_id = ?"
                + " ORDER BY created_ns, id", rs -> new DecisionFeedback(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getInt(5), rs.getString(6), rs.getString(7), Sql.instant(rs.getLong(8))), decisionId));
    }

    @Override
    public Optional<DecisionResult> find(String id) {
        return db.read(c -> Sql.one(c, "SELECT " + COLUMNS + " FROM decision_results WHERE id = ?", JdbcDecisionResultStore::result, id));
    }

    @Override
    public Page<DecisionResult> list(String workspaceId, Instant since, int offset, int limit) {
        int from = Math.max(0, offset);
        int size = Math.min(Math.max(0, limit), 1000);
        Instant after = since == null ? Instant.EPOCH.minusSeconds(1L << 32) : since;
        return db.read(c -> new Page<>(Sql.list(c, "SELECT " + COLUMNS + " FROM decision_results WHERE workspace_id = ? AND decided_ns >= ?"
                + " ORDER BY decided_ns DESC, id DESC LIMIT ? OFFSET ?", JdbcDecisionResultStore::result, workspaceId, after, size, from),
                Sql.count(c, "SELECT COUNT(*) FROM decision_results WHERE workspace_id = ? AND decided_ns >= ?", workspaceId, after),
                from, size));
    }

    @Override
    public Optional<DecisionResult> latest(String requestKey) {
        return db.read(c -> Sql.one(c, "SELECT " + COLUMNS + " FROM decision_results WHERE request_key = ?"
                + " ORDER BY decided_ns DESC, id DESC LIMIT 1", JdbcDecisionResultStore::result, requestKey));
    }

    @Override
    public CompletionStage<Integer> deleteBefore(Instant cutoff) {
        return db.write(c -> Sql.update(c, "DELETE FROM decision_results WHERE decided_ns < ?", cutoff));
    }

    @Override
    public List<DecisionResult> before(Instant cutoff, int limit) {
        return db.read(c -> Sql.list(c, "SELECT " + COLUMNS + " FROM decision_results WHERE decided_ns < ?"
                + " ORDER BY decided_ns DESC, id DESC LIMIT ?", JdbcDecisionResultStore::result, cutoff, Math.max(0, limit)));
    }

    private static DecisionResult result(ResultSet rs) throws SQLException {
        return new DecisionResult(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getInt(7) == 1, rs.getLong(8), Sql.instant(rs.getLong(9)), rs.getString(10),
                rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14), rs.getString(15), rs.getString(16),
                rs.getString(17), Sql.instant(rs.getLong(18)));
    }
}
