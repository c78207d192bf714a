package ai.aragora.storage.jdbc.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import ai.aragora.api.storage.DecisionResult;
import ai.aragora.api.storage.DecisionResultStore;
import ai.aragora.api.storage.Page;
import ai.aragora.storage.jdbc.Database;
import ai.aragora.storage.jdbc.StorageBackend;
import ai.aragora.storage.jdbc.Store;
import ai.aragora.storage.jdbc.sql.Sql;

/** Routing decisions in the {@code decision_results} store. */
@Component(service = DecisionResultStore.class, property = "service.ranking:Integer=100")
public class JdbcDecisionResultStore implements DecisionResultStore {

    private static final String COLUMNS = "id, workspace_id, request_key, route, policy_version, result, cached, duration_ms, decided_ns";

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
            Sql.update(c, "INSERT INTO decision_results (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                    r.id(), r.workspaceId(), r.requestKey(), r.route(), r.policyVersion(), r.result(), r.cached(),
                    r.durationMillis(), r.decidedAt());
            return null;
        });
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
                rs.getString(6), rs.getInt(7) == 1, rs.getLong(8), Sql.instant(rs.getLong(9)));
    }
}
