package ai.aragora.storage.jdbc.store;

import static ai.aragora.storage.jdbc.store.DebateRows.COLUMNS;
import static ai.aragora.storage.jdbc.store.DebateRows.MESSAGE_COLUMNS;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.debate.DebateStatus;
import ai.aragora.api.debate.Message;
import ai.aragora.api.debate.UsageTotals;
import ai.aragora.api.event.DebateEvent;
import ai.aragora.api.storage.DebateRecord;
import ai.aragora.api.storage.DebateStore;
import ai.aragora.api.storage.Page;
import ai.aragora.api.storage.UsageRow;
import ai.aragora.storage.jdbc.Database;
import ai.aragora.storage.jdbc.StorageBackend;
import ai.aragora.storage.jdbc.StorageException;
import ai.aragora.storage.jdbc.Store;
import ai.aragora.storage.jdbc.statement.Sql;

/**
 * Debates in the {@code aragora} store: one row per debate with its spec as JSON, the
 * transcript and events as rows keyed by (debate, index or seq) so that re-appending is a
 * no-op, and the result as JSON (without the transcript, which is read back from its rows).
 * Critiques and votes are also kept as rows, written with the {@code critique} and {@code vote}
 * events they come from (in the same transaction): a running debate's rows are stored with
 * each phase, not all at its end, where a result's write is waited on. A final status is never
 * changed. Storing a result marks its usage to be counted ({@link JdbcUsageStore}). Ranked above
 * in-memory stores. How the rows map to records is {@link DebateRows}.
 */
@Component(service = DebateStore.class, property = "service.ranking:Integer=100")
public class JdbcDebateStore implements DebateStore {

    private static final int MAX_PAGE = 1000;
    /** A debate's rows that refer to it without a foreign key on PostgreSQL (aragora migration 11). */
    private static final List<String> TRANSCRIPT_TABLES = List.of("debate_messages", "debate_events", "debate_critiques", "debate_votes");

    private final Database db;

    @Activate
    public JdbcDebateStore(@Reference StorageBackend backend) {
        this(backend.database(Store.ARAGORA));
    }

    /** Outside the framework (commands, tests): the store on a database at hand. */
    public static JdbcDebateStore on(Database db) {
        return new JdbcDebateStore(db);
    }

    /** Private: DS would otherwise consider it when choosing the activation constructor. */
    private JdbcDebateStore(Database db) {
        this.db = db;
    }

    @Override
    public CompletionStage<Void> create(DebateRecord debate) {
        String spec = JsonCodec.write(debate.spec());
        return db.writeUrgent(debate.id(), c -> {
            // The primary key refuses a second debate with the same id: no lookup first.
            try {
                Sql.update(c, "INSERT INTO debates (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        debate.id(), debate.orgId(), debate.createdBy(), debate.status(), debate.roundsUsed(),
                        debate.consensusReached(), spec, debate.createdAt(), debate.updatedAt());
            } catch (SQLException e) {
                if (Sql.isDuplicate(e)) {
                    throw new StorageException("debate " + debate.id() + " already exists");
                }
                throw e;
            }
            return null;
        });
    }

    @Override
    public CompletionStage<Void> append(String debateId, List<Message> messages, List<DebateEvent> events) {
        Objects.requireNonNull(debateId, "debateId");
        return db.write(debateId, new TranscriptAppend(debateId, db.dialect().lockRow(), List.copyOf(messages), List.copyOf(events)));
    }

    @Override
    public CompletionStage<Void> updateStatus(String debateId, DebateStatus status, int roundsUsed) {
        Objects.requireNonNull(status, "status");
        Instant now = Instant.now();
        return db.write(debateId, c -> {
            DebateStatus current = status(c, debateId);
            if (current.isFinal() && current != status) {
                throw new StorageException("debate " + debateId + " is final (" + current.wire() + "); its status stays");
            }
            Sql.update(c, "UPDATE debates SET status = ?, rounds_used = ?, updated_ns = ? WHERE id = ?",
                    status, roundsUsed, now, debateId);
            return null;
        });
    }

    @Override
    public CompletionStage<Void> storeProgress(String debateId, int roundsUsed, UsageTotals usage) {
        String json = JsonCodec.write(usage == null ? UsageTotals.ZERO : usage);
        Instant now = Instant.now();
        return db.write(debateId, c -> {
            DebateStatus current = status(c, debateId);
            if (current.isFinal()) {
                throw new StorageException("debate " + debateId + " is final (" + current.wire() + "); its status stays");
            }
            Sql.update(c, "UPDATE debates SET status = ?, rounds_used = ?, usage_totals = ?, updated_ns = ? WHERE id = ?",
                    DebateStatus.RUNNING, roundsUsed, json, now, debateId);
            return null;
        });
    }

    @Override
    public Optional<UsageTotals> usage(String debateId) {
        return db.read(c -> Sql.one(c, "SELECT usage_totals FROM debates WHERE id = ? AND usage_totals IS NOT NULL",
                rs -> JsonCodec.read(rs.getString(1), UsageTotals.class), debateId));
    }

    @Override
    public CompletionStage<Void> complete(DebateResult result) {
        return complete(result, List.of(), List.of());
    }

    /** In one write. */
    @Override
    public CompletionStage<Void> complete(DebateResult result, List<Message> messages, List<DebateEvent> events) {
        List<Message> last = List.copyOf(messages);
        List<Object[]> eventRows = DebateRows.eventRows(result.id(), events, last);
        DebateRows.Tallies tallies = DebateRows.Tallies.of(result.id(), events);
        // The transcript is in debate_messages already; kept once, it is half the bytes a debate writes at its end.
        String json = JsonCodec.write(result.withReceipt(null).withMessages(List.of()));
        Instant completed = result.completedAt() != null ? result.completedAt() : Instant.now();
        List<UsageRow> usage = JdbcUsageStore.rows(result.spec().orgId(), result, completed);
        CompletionStage<Void> written = db.writeUrgent(result.id(), c -> {
            DebateStatus current = status(c, result.id());
            if (current.isFinal()) {
                throw new StorageException("debate " + result.id() + " is already final (" + current.wire() + ")");
            }
            DebateRows.insertMessages(c, result.id(), last);
            // Usually every message was appended already, as indexes 0..n-1; only a debate that failed early
            // brings new ones. Should the stored ones have a gap, all are offered (duplicates are no-ops).
            long[] stored = Sql.one(c, "SELECT COUNT(*), COALESCE(MAX(idx) + 1, 0) FROM debate_messages WHERE debate_id = ?",
                    rs -> new long[] {rs.getLong(1), rs.getLong(2)}, result.id()).orElseThrow();
            List<Message> all = result.messages();
            int from = stored[0] == stored[1] ? (int) Math.min(stored[0], all.size()) : 0;
            DebateRows.insertMessages(c, result.id(), all.subList(from, all.size()));
            DebateRows.insertEvents(c, eventRows);
            tallies.insert(c);
            Sql.update(c, "INSERT INTO debate_results (debate_id, status, result, completed_ns) VALUES (?, ?, ?, ?)",
                    result.id(), result.status(), json, completed);
            Sql.update(c, "UPDATE debates SET status = ?, rounds_used = ?, consensus_reached = ?, updated_ns = ?"
                    + (result.receiptId() != null ? ", receipt_id = ?" : "") + " WHERE id = ?",
                    result.receiptId() != null
                            ? new Object[] {result.status(), result.roundsUsed(), result.consensusReached(), completed, result.receiptId(), result.id()}
                            : new Object[] {result.status(), result.roundsUsed(), result.consensusReached(), completed, result.id()});
            Sql.update(c, "INSERT INTO debate_usage_pending (debate_id) VALUES (?)", result.id());
            return null;
        });
        // Counted after the result is durable, not waited for: the debate's end does not wait on the shared rows.
        return written.thenRun(() -> JdbcUsageStore.count(db, result.id(), usage));
    }

    @Override
    public CompletionStage<Void> attachReceipt(String debateId, String receiptId) {
        Objects.requireNonNull(receiptId, "receiptId");
        return db.write(debateId, c -> {
            if (Sql.update(c, "UPDATE debates SET receipt_id = ? WHERE id = ?", receiptId, debateId) != 1) {
                throw new StorageException("no debate " + debateId);
            }
            return null;
        });
    }

    @Override
    public Optional<DebateRecord> find(String debateId) {
        return db.read(c -> Sql.one(c, "SELECT " + COLUMNS + " FROM debates WHERE id = ?", DebateRows::record, debateId));
    }

    @Override
    public Optional<DebateResult> result(String debateId) {
        return db.read(c -> {
            Optional<DebateResult> stored = Sql.one(c, "SELECT r.result, d.receipt_id FROM debate_results r"
                    + " JOIN debates d ON d.id = r.debate_id WHERE r.debate_id = ?", rs -> {
                        DebateResult result = JsonCodec.read(rs.getString(1), DebateResult.class);
                        String receipt = rs.getString(2);
                        return receipt == null ? result : result.withReceipt(receipt);
                    }, debateId);
            if (stored.isEmpty()) {
                return stored;
            }
            return Optional.of(stored.get().withMessages(Sql.list(c, "SELECT " + MESSAGE_COLUMNS + " FROM debate_messages"
                    + " WHERE debate_id = ? ORDER BY idx", DebateRows::message, debateId)));
        });
    }

    @Override
    public Page<Message> messages(String debateId, int offset, int limit) {
        int from = Math.max(0, offset);
        int size = clamp(limit);
        return db.read(c -> new Page<>(Sql.list(c, "SELECT " + MESSAGE_COLUMNS + " FROM debate_messages"
                + " WHERE debate_id = ? ORDER BY idx LIMIT ? OFFSET ?", DebateRows::message, debateId, size, from),
                Sql.count(c, "SELECT COUNT(*) FROM debate_messages WHERE debate_id = ?", debateId), from, size));
    }

    @Override
    public List<DebateEvent> events(String debateId, long afterSeq, int limit) {
        return db.read(c -> Sql.list(c, DebateRows.EVENT_QUERY + " WHERE e.debate_id = ? AND e.seq > ? ORDER BY e.seq LIMIT ?",
                rs -> DebateRows.event(debateId, rs), debateId, afterSeq, clamp(limit)));
    }

    @Override
    public long lastEventSeq(String debateId) {
        return db.read(c -> Sql.count(c, "SELECT COALESCE(MAX(seq), 0) FROM debate_events WHERE debate_id = ?", debateId));
    }

    @Override
    public Page<DebateRecord> list(String orgId, DebateStatus status, int offset, int limit) {
        int from = Math.max(0, offset);
        int size = clamp(limit);
        List<String> conditions = new ArrayList<>(2);
        List<Object> values = new ArrayList<>(2);
        if (orgId != null) {
            conditions.add("org_id = ?");
            values.add(orgId);
        }
        if (status != null) {
            conditions.add("status = ?");
            values.add(status);
        }
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        Object[] args = values.toArray();
        return db.read(c -> {
            List<DebateRecord> items = Sql.list(c, "SELECT " + COLUMNS + " FROM debates" + where
                    + " ORDER BY created_ns DESC, id DESC LIMIT " + size + " OFFSET " + from, DebateRows::record, args);
            return new Page<>(items, Sql.count(c, "SELECT COUNT(*) FROM debates" + where, args), from, size);
        });
    }

    /** Read after a broker outage: a range of debates_by_update (aragora migration 10), not a scan and sort of every debate. */
    @Override
    public List<DebateRecord> changedSince(String orgId, Instant since, int limit) {
        Objects.requireNonNull(since, "since");
        String org = orgId == null ? "" : " AND org_id = ?";
        Object[] args = orgId == null ? new Object[] {since} : new Object[] {since, orgId};
        return db.read(c -> Sql.list(c, "SELECT " + COLUMNS + " FROM debates WHERE updated_ns >= ?" + org
                + " ORDER BY updated_ns, id LIMIT " + clamp(limit), DebateRows::record, args));
    }

    @Override
    public boolean delete(String debateId) {
        return db.writeAndWait(c -> {
            // locked first: an append either committed its rows before, or finds no debate after
            if (!lock(c, debateId)) {
                return false;
            }
            for (String table : TRANSCRIPT_TABLES) {
                Sql.update(c, "DELETE FROM " + table + " WHERE debate_id = ?", debateId);
            }
            return Sql.update(c, "DELETE FROM debates WHERE id = ?", debateId) == 1;
        });
    }

    @Override
    public List<DebateRecord> unfinished() {
        return db.read(c -> Sql.list(c, "SELECT " + COLUMNS + " FROM debates WHERE status IN (?, ?) ORDER BY created_ns, id",
                DebateRows::record, DebateStatus.CREATED, DebateStatus.RUNNING));
    }

    /** Transcript rows whose debate is gone: none, unless something but this store wrote or deleted them. */
    public static long orphanedTranscriptRows(Database db) {
        return db.read(c -> {
            long rows = 0;
            for (String table : TRANSCRIPT_TABLES) {
                rows += Sql.count(c, "SELECT COUNT(*) FROM " + table + " x WHERE NOT EXISTS (SELECT 1 FROM debates d WHERE d.id = x.debate_id)");
            }
            return rows;
        });
    }

    private boolean lock(Connection c, String debateId) throws SQLException {
        return DebateRows.lock(c, debateId, db.dialect().lockRow());
    }

    private DebateStatus status(Connection c, String debateId) throws SQLException {
        return Sql.one(c, "SELECT status FROM debates WHERE id = ?" + db.dialect().lockRow(),
                rs -> DebateStatus.valueOf(rs.getString(1)), debateId)
                .orElseThrow(() -> new StorageException("no debate " + debateId));
    }

    private static int clamp(int limit) {
        return Math.min(Math.max(0, limit), MAX_PAGE);
    }
}
