package ai.aragora.storage.jdbc.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import ai.aragora.api.debate.DebateSpec;
import ai.aragora.api.debate.DebateStatus;
import ai.aragora.api.debate.Message;
import ai.aragora.api.event.DebateEvent;
import ai.aragora.api.event.EventData;
import ai.aragora.api.event.EventType;
import ai.aragora.api.storage.DebateRecord;
import ai.aragora.storage.jdbc.statement.Sql;

/**
 * How a debate's rows map to the API's records and back: the debate, its transcript, its events,
 * and the critique and vote rows drawn from its events. Rows to write are built on the caller's
 * thread, not the writer's: that one thread is what bounds the store.
 */
final class DebateRows {

    static final String COLUMNS = "id, org_id, created_by, status, rounds_used, consensus_reached, spec, created_ns, updated_ns";
    static final String MESSAGE_COLUMNS = "idx, role, agent, content, round, ts_ns";
    /** Read with {@link #event}. */
    static final String EVENT_QUERY = "SELECT e.seq, e.type, e.ts_ns, e.round, e.agent, e.data, m.content FROM debate_events e"
            + " LEFT JOIN debate_messages m ON m.debate_id = e.debate_id AND m.idx = e.message_idx";

    private DebateRows() {
    }

    /**
     * An event whose {@code content} is the text of a message written with it (same
     * {@code index}, same text) refers to that message instead of repeating it: the text is most
     * of a debate's event bytes.
     */
    static List<Object[]> eventRows(String debateId, List<DebateEvent> events, List<Message> messages) {
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

    /** The critique and vote rows of some events, read by the {@link EventData} keys; baseline votes have no row. */
    record Tallies(List<Object[]> critiques, List<Object[]> votes) {

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

    static void insertEvents(Connection c, List<Object[]> rows) throws SQLException {
        Sql.batch(c, "INSERT INTO debate_events (debate_id, seq, type, ts_ns, round, agent, data, message_idx) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (debate_id, seq) DO NOTHING", rows);
    }

    static void insertMessages(Connection c, String debateId, List<Message> messages) throws SQLException {
        insertMessageRows(c, messageRows(debateId, messages));
    }

    static List<Object[]> messageRows(String debateId, List<Message> messages) {
        List<Object[]> rows = new ArrayList<>(messages.size());
        for (Message m : messages) {
            rows.add(new Object[] {debateId, m.index(), m.role(), m.agent(), m.content(), m.round(), m.timestamp()});
        }
        return rows;
    }

    static void insertMessageRows(Connection c, List<Object[]> rows) throws SQLException {
        Sql.batch(c, "INSERT INTO debate_messages (debate_id, idx, role, agent, content, round, ts_ns) VALUES (?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (debate_id, idx) DO NOTHING", rows);
    }

    /**
     * Locks the debate's row until the transaction ends ({@code lockRow} is the dialect's clause:
     * PostgreSQL; SQLite has one writer); false when there is none.
     */
    static boolean lock(Connection c, String debateId, String lockRow) throws SQLException {
        return Sql.one(c, "SELECT 1 FROM debates WHERE id = ?" + lockRow, rs -> true, debateId).isPresent();
    }

    /** Debates {@link #lockAll} locks with one statement: one SQL text whatever the count, a shorter list repeats its last id. */
    private static final int LOCKED_AT_ONCE = 32;
    private static final String LOCK_ALL = "SELECT id FROM debates WHERE id IN (" + "?, ".repeat(LOCKED_AT_ONCE - 1) + "?) ORDER BY id";

    /**
     * Locks every debate of {@code ids} as {@link #lock} does, in id order; returns the ids of
     * those that do not exist. One debate (a quiet server's usual batch) takes the one-row statement.
     */
    static Set<String> lockAll(Connection c, SortedSet<String> ids, String lockRow) throws SQLException {
        if (ids.size() == 1) {
            return lock(c, ids.first(), lockRow) ? Set.of() : ids;
        }
        List<String> all = new ArrayList<>(ids);
        Set<String> missing = new TreeSet<>(ids);
        for (int from = 0; from < all.size(); from += LOCKED_AT_ONCE) {
            Object[] args = new Object[LOCKED_AT_ONCE];
            for (int i = 0; i < LOCKED_AT_ONCE; i++) {
                args[i] = all.get(Math.min(from + i, all.size() - 1));
            }
            Sql.list(c, LOCK_ALL + lockRow, rs -> rs.getString(1), args).forEach(missing::remove);
        }
        return missing;
    }

    static Message message(ResultSet rs) throws SQLException {
        return new Message(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5), Sql.instant(rs.getLong(6)));
    }

    /** An event read with {@link #EVENT_QUERY}: the text it refers to is put back in its data. */
    static DebateEvent event(String debateId, ResultSet rs) throws SQLException {
        Map<String, Object> data = JsonCodec.readMap(rs.getString(6));
        String content = rs.getString(7);
        if (content != null) {
            data.put(EventData.CONTENT, content);
        }
        return new DebateEvent(debateId, rs.getLong(1), EventType.valueOf(rs.getString(2)),
                Sql.instant(rs.getLong(3)), rs.getInt(4), rs.getString(5), data);
    }

    static DebateRecord record(ResultSet rs) throws SQLException {
        return new DebateRecord(rs.getString("id"), JsonCodec.read(rs.getString("spec"), DebateSpec.class),
                rs.getString("created_by"), DebateStatus.valueOf(rs.getString("status")), rs.getInt("rounds_used"),
                rs.getInt("consensus_reached") == 1, Sql.instant(rs.getLong("created_ns")), Sql.instant(rs.getLong("updated_ns")));
    }
}
