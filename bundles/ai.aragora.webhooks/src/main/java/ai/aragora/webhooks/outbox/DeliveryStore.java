package ai.aragora.webhooks.outbox;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import ai.aragora.storage.jdbc.Database;
import ai.aragora.storage.jdbc.statement.Sql;

/**
 * The outbox: every delivery with its state, attempts, next attempt and last error. A sender
 * claims a due delivery for a lease; the outcome of the attempt is written back in one update.
 */
public final class DeliveryStore {

    private static final String COLUMNS = "d.id, d.subscription_id, d.org_id, d.url, d.sink, d.event_type, d.payload,"
            + " d.state, d.attempts, d.next_attempt_ns, d.last_status, d.last_error, d.created_ns, d.updated_ns, d.delivered_ns";

    /** What one attempt leaves behind. */
    public record Outcome(DeliveryState state, Instant nextAttempt, Integer status, String error, Instant deliveredAt) {
    }

    private final Database db;

    public DeliveryStore(Database db) {
        this.db = db;
    }

    public Database database() {
        return db;
    }

    /** Records new deliveries in one commit; callers that wait on it get the ids once durable. */
    public void insert(List<Delivery> deliveries) {
        db.writeUrgentAndWait(c -> {
            insert(c, deliveries);
            return null;
        });
    }

    static void insert(Connection c, List<Delivery> deliveries) throws SQLException {
        for (Delivery d : deliveries) {
            Sql.update(c, "INSERT INTO webhook_deliveries (id, subscription_id, org_id, url, sink, event_type, payload, state,"
                    + " attempts, next_attempt_ns, created_ns, updated_ns) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    d.id(), d.subscriptionId(), d.orgId(), d.url(), d.sink(), d.eventType(), d.payload(), d.state(),
                    d.attempts(), d.nextAttempt(), d.createdAt(), d.updatedAt());
        }
    }

    /**
     * Deliveries due at {@code now}, the longest waiting first: pending or retrying ones whose time
     * has come, and claimed ones whose lease ran out (their sender died). Deliveries of a paused or
     * disabled subscription wait.
     */
    public List<Delivery> due(Instant now, int limit) {
        return due(now, limit, Set.of());
    }

    /** As {@link #due(Instant, int)}, leaving out the deliveries of {@code skipped} subscriptions. */
    public List<Delivery> due(Instant now, int limit, Set<String> skipped) {
        String skip = skipped.isEmpty() ? ""
                : " AND (d.subscription_id IS NULL OR d.subscription_id NOT IN (" + String.join(", ", Collections.nCopies(skipped.size(), "?")) + "))";
        List<Object> args = new ArrayList<>(List.of(now));
        args.addAll(skipped);
        return db.read(c -> {
            List<Delivery> due = Sql.list(c, "SELECT " + COLUMNS + " FROM webhook_deliveries d"
                    + " WHERE d.state = 'IN_PROGRESS' AND d.lease_until_ns <= ? ORDER BY d.lease_until_ns LIMIT ?",
                    DeliveryStore::row, now, limit);
            due.addAll(Sql.list(c, "SELECT " + COLUMNS + " FROM webhook_deliveries d"
                    + " LEFT JOIN webhook_subscriptions s ON s.id = d.subscription_id"
                    + " WHERE d.state IN ('PENDING', 'RETRYING') AND d.next_attempt_ns <= ?"
                    + " AND (d.subscription_id IS NULL OR (s.active = 1 AND s.paused = 0))" + skip
                    + " ORDER BY d.next_attempt_ns LIMIT ?", DeliveryStore::row, withLimit(args, limit - due.size())));
            return due;
        });
    }

    /** The earliest time a waiting delivery becomes due, if any waits. */
    public Optional<Instant> nextDue() {
        return db.read(c -> {
            Optional<Instant> waiting = Sql.one(c, "SELECT MIN(next_attempt_ns) FROM webhook_deliveries"
                    + " WHERE state IN ('PENDING', 'RETRYING')", DeliveryStore::instantOrNull);
            Optional<Instant> leased = Sql.one(c, "SELECT MIN(lease_until_ns) FROM webhook_deliveries"
                    + " WHERE state = 'IN_PROGRESS'", DeliveryStore::instantOrNull);
            if (waiting.isPresent() && leased.isPresent()) {
                return Optional.of(waiting.get().isBefore(leased.get()) ? waiting.get() : leased.get());
            }
            return waiting.isPresent() ? waiting : leased;
        });
    }

    private static Object[] withLimit(List<Object> args, int limit) {
        List<Object> all = new ArrayList<>(args);
        all.add(limit);
        return all.toArray();
    }

    private static Instant instantOrNull(ResultSet rs) throws SQLException {
        long v = rs.getLong(1);
        return rs.wasNull() ? null : Sql.instant(v);
    }

    /** Claims the deliveries still as they were read; completes with the ids claimed once committed. */
    public CompletionStage<Set<String>> claim(List<Delivery> deliveries, Instant now, Instant leaseUntil) {
        return db.writeUrgent(null, c -> {
            Set<String> claimed = new HashSet<>();
            for (Delivery d : deliveries) {
                if (Sql.update(c, "UPDATE webhook_deliveries AS d SET state = 'IN_PROGRESS', lease_until_ns = ?, updated_ns = ?"
                        + " WHERE id = ? AND state = ? AND (state <> 'IN_PROGRESS' OR lease_until_ns <= ?)",
                        leaseUntil, now, d.id(), d.state(), now) == 1) {
                    claimed.add(d.id());
                }
            }
            return claimed;
        });
    }

    /** Writes an attempt's outcome (the attempt counts whatever became of it); completes once committed. */
    public CompletionStage<Integer> record(String id, Outcome o, Instant now) {
        return db.write(id, c -> Sql.update(c, "UPDATE webhook_deliveries AS d SET state = ?, attempts = attempts + 1,"
                + " next_attempt_ns = ?, lease_until_ns = NULL, last_status = ?, last_error = ?, updated_ns = ?,"
                + " delivered_ns = ? WHERE id = ? AND state = 'IN_PROGRESS'",
                o.state(), o.nextAttempt() == null ? now : o.nextAttempt(), o.status(), o.error(), now, o.deliveredAt(), id));
    }

    /** Gives a claimed delivery back untried (its sink went away before it was sent); completes once committed. */
    public CompletionStage<Integer> release(String id, DeliveryState previous, Instant now) {
        return db.write(id, c -> Sql.update(c, "UPDATE webhook_deliveries AS d SET state = ?, lease_until_ns = NULL, updated_ns = ?"
                + " WHERE id = ? AND state = 'IN_PROGRESS'", previous, now, id));
    }

    /**
     * Sends a delivery again from the start of its schedule (a dead letter's replay, or a
     * redelivery); false when it is unknown to the org or being sent right now.
     */
    public boolean replay(String orgId, String id, Instant now) {
        return db.writeUrgentAndWait(c -> Sql.update(c, "UPDATE webhook_deliveries AS d SET state = 'PENDING', attempts = 0,"
                + " next_attempt_ns = ?, updated_ns = ? WHERE d.id = ? AND d.state <> 'IN_PROGRESS'" + orgFilter(orgId),
                args(orgId, now, now, id)) == 1);
    }

    /** Replays every dead letter of an org (null: every org); returns how many. */
    public int replayDeadLetters(String orgId, Instant now) {
        return db.writeUrgentAndWait(c -> Sql.update(c, "UPDATE webhook_deliveries AS d SET state = 'PENDING', attempts = 0,"
                + " next_attempt_ns = ?, updated_ns = ? WHERE d.state = 'DEAD_LETTERED'" + orgFilter(orgId), args(orgId, now, now)));
    }

    public Optional<Delivery> find(String orgId, String id) {
        return db.read(c -> Sql.one(c, "SELECT " + COLUMNS + " FROM webhook_deliveries d WHERE d.id = ?" + orgFilter(orgId),
                DeliveryStore::row, args(orgId, id)));
    }

    /** A subscription's deliveries, newest first, optionally in one state. */
    public List<Delivery> list(String subscriptionId, DeliveryState state, int offset, int limit) {
        List<Object> args = new ArrayList<>(List.of(subscriptionId));
        String filter = state == null ? "" : " AND d.state = ?";
        if (state != null) {
            args.add(state);
        }
        args.add(limit);
        args.add(offset);
        return db.read(c -> Sql.list(c, "SELECT " + COLUMNS + " FROM webhook_deliveries d WHERE d.subscription_id = ?"
                + filter + " ORDER BY d.created_ns DESC, d.id LIMIT ? OFFSET ?", DeliveryStore::row, args.toArray()));
    }

    /** An org's dead letters (null: every org's), the latest first. */
    public List<Delivery> deadLetters(String orgId, int limit) {
        List<Object> args = new ArrayList<>(List.of(args(orgId)));
        args.add(limit);
        return db.read(c -> Sql.list(c, "SELECT " + COLUMNS + " FROM webhook_deliveries d WHERE d.state = 'DEAD_LETTERED'"
                + orgFilter(orgId) + " ORDER BY d.updated_ns DESC, d.id LIMIT ?", DeliveryStore::row, args.toArray()));
    }

    /** How many of a subscription's deliveries are in each state (every state listed). */
    public Map<DeliveryState, Long> counts(String subscriptionId) {
        return counts(subscriptionId, null);
    }

    /** Deliveries per state of a subscription recorded since {@code since} (null: all kept). */
    public Map<DeliveryState, Long> counts(String subscriptionId, Instant since) {
        String window = since == null ? "" : " AND created_ns >= ?";
        Object[] args = since == null ? new Object[] {subscriptionId} : new Object[] {subscriptionId, since};
        return db.read(c -> {
            Map<DeliveryState, Long> counts = new EnumMap<>(DeliveryState.class);
            for (DeliveryState s : DeliveryState.values()) {
                counts.put(s, 0L);
            }
            for (Object[] row : Sql.list(c, "SELECT state, COUNT(*) FROM webhook_deliveries WHERE subscription_id = ?"
                    + window + " GROUP BY state", rs -> new Object[] {rs.getString(1), rs.getLong(2)}, args)) {
                counts.put(DeliveryState.valueOf((String) row[0]), (Long) row[1]);
            }
            return counts;
        });
    }

    /** Event-to-receiver times of a subscription's deliveries delivered since {@code since}, at most {@code limit}, newest first. */
    public List<java.time.Duration> deliveredLatencies(String subscriptionId, Instant since, int limit) {
        return db.read(c -> Sql.list(c, "SELECT delivered_ns - created_ns FROM webhook_deliveries WHERE subscription_id = ?"
                + " AND state = 'DELIVERED' AND created_ns >= ? ORDER BY created_ns DESC LIMIT ?",
                rs -> java.time.Duration.ofNanos(rs.getLong(1)), subscriptionId, since, limit));
    }

    /** Only the org's rows, unless {@code orgId} is null (the operator's view). */
    private static String orgFilter(String orgId) {
        return orgId == null ? "" : " AND d.org_id = ?";
    }

    private static Object[] args(String orgId, Object... leading) {
        List<Object> all = new ArrayList<>(List.of(leading));
        if (orgId != null) {
            all.add(orgId);
        }
        return all.toArray();
    }

    static Delivery row(ResultSet rs) throws SQLException {
        int status = rs.getInt("last_status");
        Integer lastStatus = rs.wasNull() ? null : status;
        return new Delivery(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), DeliveryState.valueOf(rs.getString(8)), rs.getInt(9),
                Sql.instant(rs.getLong(10)), lastStatus, rs.getString(12), Sql.instant(rs.getLong(13)),
                Sql.instant(rs.getLong(14)), Sql.instant(rs, "delivered_ns"));
    }
}
