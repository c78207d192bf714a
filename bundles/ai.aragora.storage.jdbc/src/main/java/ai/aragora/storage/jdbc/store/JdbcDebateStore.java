package ai.aragora.storage.jdbc.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.debate.DebateSpec;
import ai.aragora.api.debate.DebateStatus;
import ai.aragora.api.debate.Message;
import ai.aragora.api.debate.UsageTotals;
import ai.aragora.api.event.DebateEvent;
import ai.aragora.api.event.EventData;
import ai.aragora.api.event.EventType;
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
 * in-memory stores.
 */
@Component(service = DebateStore.class, property = "service.ranking:Integer=100")
public class JdbcDebateStore implements DebateStore {

    private static final int MAX_PAGE = 1000;
    private static final String MESSAGE_COLUMNS = "idx, role, agent, content, round, ts_ns";
    private static final String COLUMNS = "id, org_id, created_by, status, rounds_used, consensus_reached, spec, created_ns, updated_ns";

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
        List<Message> ms = List.copyOf(messages);
        List<DebateEvent> es = List.copyOf(events);
        List<Object[]> rows = eventRows(debateId, es, ms);
        Tallies tallies = Tallies.of(debateId, es);
        return db.write(debateId, c -> {
            if (ms.isEmpty() && es.isEmpty()) {
                requireExists(c, debateId);
                return null;
            }
            // The foreign keys refuse rows of an unknown debate: no lookup first, on the write path of every phase.
            try {
                insertMessages(c, debateId, ms);
                insertEvents(c, rows);
                tallies.insert(c);
            } catch (SQLException e) {
                if (Sql.refersToNothing(e)) {
                    throw new StorageException("no debate " + debateId);
                }
                throw e;
            }
            return null;
        });
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
        List<Object[]> eventRows = eventRows(result.id(), events, last);
        Tallies tallies = Tallies.of(result.id(), events);
        // The transcript is in debate_messages already; kept once, it is half the bytes a debate writes at its end.
        String json = JsonCodec.write(result.withReceipt(null).withMessages(List.of()));
        Instant completed = result.completedAt() != null ? result.completedAt() : Instant.now();
        List<UsageRow> usage = JdbcUsageStore.rows(result.spec().orgId(), result, completed);
        CompletionStage<Void> written = db.writeUrgent(result.id(), c -> {
            DebateStatus current = status(c, result.id());
            if (current.isFinal()) {
                throw new StorageException("debate " + result.id() + " is already final (" + current.wire() + ")");
            }
            insertMessages(c, result.id(), last);
            // Usually every message was appended already, as indexes 0..n-1; only a debate that failed early
            // brings new ones. Should the stored ones have a gap, all are offered (duplicates are no-ops).
            long[] stored = Sql.one(c, "SELECT COUNT(*), COALESCE(MAX(idx) + 1, 0) FROM debate_messages WHERE debate_id = ?",
                    rs -> new long[] {rs.getLong(1), rs.getLong(2)}, result.id()).orElseThrow();
            List<Message> all = result.messages();
            int from = stored[0] == stored[1] ? (int) Math.min(stored[0], all.size()) : 0;
            insertMessages(c, result.id(), all.subList(from, all.size()));
            insertEvents(c, eventRows);
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
        return db.read(c -> Sql.one(c, "SELECT " + COLUMNS + " FROM debates WHERE id = ?", JdbcDebateStore::record, debateId));
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
                    + " WHERE debate_id = ? ORDER BY idx", JdbcDebateStore::message, debateId)));
        });
    }

    @Override
    public Page<Message> messages(String debateId, int offset, int limit) {
        int from = Math.max(0, offset);
        int size = clamp(limit);
        return db.read(c -> new Page<>(Sql.list(c, "SELECT " + MESSAGE_COLUMNS + " FROM debate_messages"
                + " WHERE debate_id = ? ORDER BY idx LIMIT ? OFFSET ?", JdbcDebateStore::message, debateId, size, from),
                Sql.count(c, "SELECT COUNT(*) FROM debate_messages WHERE debate_id = ?", debateId), from, size));
    }

    @Override
    public List<DebateEvent> events(String debateId, long afterSeq, int limit) {
        return db.read(c -> Sql.list(c, "SELECT e.seq, e.type, e.ts_ns, e.round, e.agent, e.data, m.content FROM debate_events e"
                + " LEFT JOIN debate_messages m ON m.debate_id = e.debate_id AND m.idx = e.message_idx"
                + " WHERE e.debate_id = ? AND e.seq > ? ORDER BY e.seq LIMIT ?", rs -> {
                    Map<String, Object> data = JsonCodec.readMap(rs.getString(6));
                    String content = rs.getString(7);
                    if (content != null) {
                        data.put(EventData.CONTENT, content);
                    }
                    return new DebateEvent(debateId, rs.getLong(1), EventType.valueOf(rs.getString(2)),
                            Sql.instant(rs.getLong(3)), rs.getInt(4), rs.getString(5), data);
                }, debateId, afterSeq, clamp(limit)));
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
                    + " ORDER BY created_ns DESC, id DESC LIMIT " + size + " OFFSET " + from, JdbcDebateStore::record, args);
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
                + " ORDER BY updated_ns, id LIMIT " + clamp(limit), JdbcDebateStore::record, args));
    }

    @Override
    public boolean delete(String debateId) {
        return db.writeAndWait(c -> Sql.update(c, "DELETE FROM debates WHERE id = ?", debateId) == 1);
    }

    @Override
    public List<DebateRecord> unfinished() {
        return db.read(c -> Sql.list(c, "SELECT " + COLUMNS + " FROM debates WHERE status IN (?, ?) ORDER BY created_ns, id",
                JdbcDebateStore::record, DebateStatus.CREATED, DebateStatus.RUNNING));
    }

    /**
     * Rows are built on the caller's thread, not the writer's: that one thread is what bounds the
     * store. An event whose {@code content} is the text of a message written with it (same
     * {@code index}, same text) refers to that message instead of repeating it: the text is most
     * of a debate's event bytes.
     */
    private static List<Object[]> eventRows(String debateId, List<DebateEvent> events, List<Message> messages) {
        List<Object[]> rows = new ArrayList<>(events.size());
        for (DebateEvent e : events) {
            if (!e.debateId().equals(debateId)) {
                throw new IllegalArgumentException("event " + e.seq() + " belongs to debate " + e.debateId() + ", not " + debateId);
            }
            Integer refers = messageOf(e, messages);
            Map<String, Object> data = e.data();
            if (refers != null) {
                data = new HashMap<>(data);
                data.remove(EventData.CONTENT);
            }
            rows.add(new Object[] {debateId, e.seq(), e.type(), e.timestamp(), e.round(), e.agent(), JsonCodec.write(data), refers});
        }
        return rows;
    }

    /** The index of the message among {@code messages} whose text the event carries, or null. */
    private static Integer messageOf(DebateEvent e, List<Message> messages) {
        if (!(e.data().get(EventData.CONTENT) instanceof String content) || !(e.data().get(EventData.INDEX) instanceof Integer index)) {
            return null;
        }
        for (Message m : messages) {
            if (m.index() == index) {
                return m.content().equals(content) ? index : null;
            }
        }
        return null;
    }

    /**
     * The critique and vote rows of some events, read by the {@link EventData} keys; baseline
     * votes have no row. Built on the caller's thread, like the event rows.
     */
    private record Tallies(List<Object[]> critiques, List<Object[]> votes) {

        static Tallies of(String debateId, List<DebateEvent> events) {
            List<Object[]> critiques = new ArrayList<>();
            List<Object[]> votes = new ArrayList<>();
            for (DebateEvent e : events) {
                Map<String, Object> d = e.data();
                if (e.agent() == null) {
                    continue;
                }
                if (e.type() == EventType.CRITIQUE && d.get(EventData.TARGET) instanceof String target
                        && d.get(EventData.SEVERITY) instanceof Number severity) {
                    critiques.add(new Object[] {debateId, e.round(), e.agent(), target, severity.doubleValue()});
                } else if (e.type() == EventType.VOTE && !Boolean.TRUE.equals(d.get(EventData.BASELINE))
                        && d.get(EventData.CHOICE) instanceof String choice && d.get(EventData.CONFIDENCE) instanceof Number confidence) {
                    votes.add(new Object[] {debateId, e.round(), e.agent(), choice, confidence.doubleValue()});
                }
            }
            return new Tallies(critiques, votes);
        }

        void insert(Connection c) throws SQLException {
            Sql.batch(c, "INSERT INTO debate_critiques (debate_id, round, agent, target, severity) VALUES (?, ?, ?, ?, ?)"
                    + " ON CONFLICT (debate_id, round, agent, target) DO NOTHING", critiques);
            Sql.batch(c, "INSERT INTO debate_votes (debate_id, round, agent, choice, confidence) VALUES (?, ?, ?, ?, ?)"
                    + " ON CONFLICT (debate_id, round, agent) DO NOTHING", votes);
        }
    }

    private static void insertEvents(Connection c, List<Object[]> rows) throws SQLException {
        Sql.batch(c, "INSERT INTO debate_events (debate_id, seq, type, ts_ns, round, agent, data, message_idx) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (debate_id, seq) DO NOTHING", rows);
    }

    private static void insertMessages(Connection c, String debateId, List<Message> messages) throws SQLException {
        List<Object[]> rows = new ArrayList<>(messages.size());
        for (Message m : messages) {
            rows.add(new Object[] {debateId, m.index(), m.role(), m.agent(), m.content(), m.round(), m.timestamp()});
        }
        Sql.batch(c, "INSERT INTO debate_messages (debate_id, idx, role, agent, content, round, ts_ns) VALUES (?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (debate_id, idx) DO NOTHING", rows);
    }

    private static void requireExists(Connection c, String debateId) throws SQLException {
        if (Sql.count(c, "SELECT COUNT(*) FROM debates WHERE id = ?", debateId) == 0) {
            throw new StorageException("no debate " + debateId);
        }
    }

    private DebateStatus status(Connection c, String debateId) throws SQLException {
        return Sql.one(c, "SELECT status FROM debates WHERE id = ?" + db.dialect().lockRow(),
                rs -> DebateStatus.valueOf(rs.getString(1)), debateId)
                .orElseThrow(() -> new StorageException("no debate " + debateId));
    }

    private static Message message(ResultSet rs) throws SQLException {
        return new Message(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5), Sql.instant(rs.getLong(6)));
    }

    private static DebateRecord record(ResultSet rs) throws SQLException {
        return new DebateRecord(rs.getString("id"), JsonCodec.read(rs.getString("spec"), DebateSpec.class),
                rs.getString("created_by"), DebateStatus.valueOf(rs.getString("status")), rs.getInt("rounds_used"),
                rs.getInt("consensus_reached") == 1, Sql.instant(rs.getLong("created_ns")), Sql.instant(rs.getLong("updated_ns")));
    }

    private static int clamp(int limit) {
        return Math.min(Math.max(0, limit), MAX_PAGE);
    }
}
