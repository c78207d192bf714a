package ai.aragora.webhooks.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ai.aragora.api.webhook.Callbacks;
import ai.aragora.storage.jdbc.Database;
import ai.aragora.storage.jdbc.statement.Sql;
import ai.aragora.webhooks.events.EventCatalog;
import ai.aragora.webhooks.events.EventCatalog.Announcement;
import ai.aragora.webhooks.store.Subscription;
import ai.aragora.webhooks.store.SubscriptionStore;

/**
 * Turns the rows the store's triggers wrote with each announced event ({@code webhook_events})
 * into deliveries, one per subscription that wants the event (and one to a debate's
 * {@code callback_url}), and removes them, all in one commit: an event is fanned out exactly once.
 */
public final class FanOut {

    /** The debate spec's metadata key {@code POST /api/v1/debates} keeps a callback URL under. */
    public static final String CALLBACK_URL = Callbacks.CALLBACK_URL;
    /** The sink callbacks go through. */
    public static final String CALLBACK_SINK = "http";

    private record Pending(long id, String debateId, long seq, String receiptId) {
    }

    private record Source(String orgId, Instant at, Announcement announcement, String callbackUrl) {
    }

    private final Database db;
    private final SubscriptionStore subscriptionStore;

    public FanOut(Database db, SubscriptionStore subscriptionStore) {
        this.db = db;
        this.subscriptionStore = subscriptionStore;
    }

    /** Fans out up to {@code limit} events; returns how many deliveries were recorded. */
    public int run(Instant now, int limit) {
        // A read first: most passes find nothing, and a write would cost a commit each time.
        if (db.read(c -> Sql.one(c, "SELECT 1 FROM webhook_events LIMIT 1", rs -> 1)).isEmpty()) {
            return 0;
        }
        return db.writeAndWait(c -> {
            List<Pending> pending = Sql.list(c, "SELECT id, debate_id, seq, receipt_id FROM webhook_events ORDER BY id LIMIT ?"
                    + db.dialect().skipLocked(), rs -> new Pending(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4)),
                    limit);
            Map<String, List<Subscription>> byOrg = new HashMap<>();
            List<Delivery> deliveries = new ArrayList<>();
            for (Pending p : pending) {
                Optional<Source> source = p.receiptId() != null ? receipt(c, p.receiptId()) : debateEvent(c, p);
                Sql.update(c, "DELETE FROM webhook_events WHERE id = ?", p.id());
                if (source.isEmpty()) {
                    continue;
                }
                Source s = source.get();
                String type = s.announcement().type();
                List<Subscription> subscriptions = byOrg.get(s.orgId());
                if (subscriptions == null) {
                    subscriptions = subscriptionStore.active(c, s.orgId());
                    byOrg.put(s.orgId(), subscriptions);
                }
                for (Subscription sub : subscriptions) {
                    if (sub.wants(type)) {
                        deliveries.add(Delivery.pending(sub.id(), s.orgId(), null, sub.sink(), type, s.at(),
                                s.announcement().data(), now));
                    }
                }
                if (s.callbackUrl() != null) {
                    deliveries.add(Delivery.pending(null, s.orgId(), s.callbackUrl(), CALLBACK_SINK, type, s.at(),
                            s.announcement().data(), now));
                }
            }
            DeliveryStore.insert(c, deliveries);
            return deliveries.size();
        });
    }

    private static Optional<Source> debateEvent(Connection c, Pending p) throws SQLException {
        return Sql.one(c, "SELECT e.type, e.ts_ns, e.round, e.agent, e.data, d.org_id, d.spec, d.receipt_id, r.result"
                + " FROM debate_events e JOIN debates d ON d.id = e.debate_id"
                + " LEFT JOIN debate_results r ON r.debate_id = e.debate_id WHERE e.debate_id = ? AND e.seq = ?", rs -> {
                    String type = rs.getString(1);
                    String result = rs.getString(9);
                    Optional<Announcement> a = EventCatalog.ofDebateEvent(p.debateId(), type, rs.getInt(3), rs.getString(4),
                            Json.readMap(rs.getString(5)), result == null ? null : Json.readMap(result), rs.getString(8));
                    if (a.isEmpty()) {
                        return null;
                    }
                    String callback = null;
                    if ("DEBATE_END".equals(type) && Json.readMap(rs.getString(7)).get("metadata") instanceof Map<?, ?> meta
                            && meta.get(CALLBACK_URL) instanceof String url) {
                        callback = url;
                    }
                    return new Source(rs.getString(6), Sql.instant(rs.getLong(2)), a.get(), callback);
                }, p.debateId(), p.seq());
    }

    private static Optional<Source> receipt(Connection c, String receiptId) throws SQLException {
        return Sql.one(c, "SELECT r.debate_id, r.issued_ns, d.org_id FROM receipts r JOIN debates d ON d.id = r.debate_id"
                + " WHERE r.receipt_id = ?", rs -> {
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("receipt_id", receiptId);
                    data.put("debate_id", rs.getString(1));
                    return new Source(rs.getString(3), Sql.instant(rs.getLong(2)),
                            new Announcement(EventCatalog.RECEIPT_CREATED, data), null);
                }, receiptId);
    }
}
