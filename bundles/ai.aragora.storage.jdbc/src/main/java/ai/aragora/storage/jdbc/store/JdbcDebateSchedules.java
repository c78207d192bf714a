package ai.aragora.storage.jdbc.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import ai.aragora.api.debate.DebateSpec;
import ai.aragora.api.knowledge.DebateSchedule;
import ai.aragora.api.knowledge.DebateSchedules;
import ai.aragora.storage.jdbc.Database;
import ai.aragora.storage.jdbc.StorageBackend;
import ai.aragora.storage.jdbc.StorageException;
import ai.aragora.storage.jdbc.Store;
import ai.aragora.storage.jdbc.statement.Sql;

/** Pulse's scheduled debates in the {@code knowledge_mound} store. */
@Component(service = DebateSchedules.class, property = "service.ranking:Integer=100")
public class JdbcDebateSchedules implements DebateSchedules {

    private static final String COLUMNS = "id, org_id, topic, spec, every_seconds, enabled, next_run_ns, last_run_ns, last_debate_id,"
            + " last_error, runs, created_by, created_ns";
    /** A recorded error is cut here: it is a message for the operator, not a log. */
    private static final int MAX_ERROR = 500;

    private final Database db;

    @Activate
    public JdbcDebateSchedules(@Reference StorageBackend backend) {
        this(backend.database(Store.KNOWLEDGE_MOUND));
    }

    /** Outside the framework (commands, tests): the store on a database at hand. */
    public static JdbcDebateSchedules on(Database db) {
        return new JdbcDebateSchedules(db);
    }

    /** Private: DS would otherwise consider it when choosing the activation constructor. */
    private JdbcDebateSchedules(Database db) {
        this.db = db;
    }

    @Override
    public void create(DebateSchedule s) {
        // Nothing to roll back on a duplicate: the writer may commit it with other writes.
        int inserted = db.writeAndWait(c -> Sql.update(c, "INSERT INTO km_schedules (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?, ?) ON CONFLICT (id) DO NOTHING", s.id(), s.orgId(), s.topic(), JsonCodec.write(s.spec()), s.every().toSeconds(),
                s.enabled(), s.nextRun(), s.lastRun(), s.lastDebateId(), s.lastError(), s.runs(), s.createdBy(), s.createdAt()));
        if (inserted == 0) {
            throw new StorageException("a schedule with this id already exists");
        }
    }

    @Override
    public Optional<DebateSchedule> find(String orgId, String id) {
        return db.read(c -> Sql.one(c, "SELECT " + COLUMNS + " FROM km_schedules WHERE id = ? AND org_id = ?",
                JdbcDebateSchedules::schedule, id, orgId));
    }

    @Override
    public List<DebateSchedule> list(String orgId) {
        return db.read(c -> Sql.list(c, "SELECT " + COLUMNS + " FROM km_schedules WHERE org_id = ? ORDER BY created_ns, id",
                JdbcDebateSchedules::schedule, orgId));
    }

    @Override
    public boolean update(String orgId, String id, boolean enabled, Instant nextRun) {
        return db.writeAndWait(c -> Sql.update(c, "UPDATE km_schedules SET enabled = ?, next_run_ns = COALESCE(?, next_run_ns)"
                + " WHERE id = ? AND org_id = ?", enabled, nextRun, id, orgId) == 1);
    }

    @Override
    public boolean delete(String orgId, String id) {
        return db.writeAndWait(c -> Sql.update(c, "DELETE FROM km_schedules WHERE id = ? AND org_id = ?", id, orgId) == 1);
    }

    @Override
    public List<DebateSchedule> claimDue(Instant now, int limit) {
        return db.writeAndWait(c -> {
            List<DebateSchedule> due = Sql.list(c, "SELECT " + COLUMNS + " FROM km_schedules WHERE enabled = ? AND next_run_ns <= ?"
                    + " ORDER BY next_run_ns, id LIMIT ?" + db.dialect().skipLocked(), JdbcDebateSchedules::schedule, true, now, limit);
            List<Object[]> moved = new ArrayList<>(due.size());
            for (DebateSchedule s : due) {
                moved.add(new Object[] {now.plus(s.every()), s.id()});
            }
            Sql.batch(c, "UPDATE km_schedules SET next_run_ns = ? WHERE id = ?", moved);
            return due;
        });
    }

    @Override
    public void ran(String id, Instant at, String debateId, String error, Instant retryAt) {
        String cut = error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR);
        db.writeAndWait(c -> Sql.update(c, "UPDATE km_schedules SET last_run_ns = ?, last_debate_id = COALESCE(?, last_debate_id),"
                + " last_error = ?, runs = runs + ?, next_run_ns = COALESCE(?, next_run_ns) WHERE id = ?", at, debateId, cut,
                debateId == null ? 0 : 1, retryAt, id));
    }

    private static DebateSchedule schedule(ResultSet rs) throws SQLException {
        return new DebateSchedule(rs.getString(1), rs.getString(3), JsonCodec.read(rs.getString(4), DebateSpec.class),
                Duration.ofSeconds(rs.getLong(5)), rs.getInt(6) == 1, Sql.instant(rs.getLong(7)), Sql.instant(rs, "last_run_ns"),
                rs.getString(9), rs.getString(10), rs.getInt(11), rs.getString(12), Sql.instant(rs.getLong(13)));
    }
}
