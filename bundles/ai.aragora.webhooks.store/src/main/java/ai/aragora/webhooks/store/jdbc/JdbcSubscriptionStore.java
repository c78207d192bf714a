package ai.aragora.webhooks.store.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.core.type.TypeReference;

import ai.aragora.storage.jdbc.Database;
import ai.aragora.storage.jdbc.StorageBackend;
import ai.aragora.storage.jdbc.Store;
import ai.aragora.storage.jdbc.statement.Sql;
import ai.aragora.webhooks.store.RetrySchedule;
import ai.aragora.webhooks.store.Subscription;
import ai.aragora.webhooks.store.SubscriptionStore;

/** Webhook subscriptions in the table {@code webhook_subscriptions} of the main store. */
@Component(service = SubscriptionStore.class)
public final class JdbcSubscriptionStore implements SubscriptionStore {

    private static final String COLUMNS = "s.id, s.org_id, s.url, s.sink, s.events, s.description, s.headers, s.secrets,"
            + " s.active, s.paused, s.disabled_reason, s.created_ns, s.updated_ns, s.retry_policy";
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final TypeReference<LinkedHashMap<String, String>> HEADERS = new TypeReference<>() {
    };
    private static final TypeReference<List<Map<String, Object>>> SECRETS = new TypeReference<>() {
    };

    private final Database db;

    @Activate
    public JdbcSubscriptionStore(@Reference StorageBackend backend) {
        this(backend.database(Store.ARAGORA));
    }

    /** Private: DS would otherwise consider it when choosing the activation constructor. */
    private JdbcSubscriptionStore(Database db) {
        this.db = db;
    }

    /** Outside the framework (tests): the store over a main-store database. */
    public static JdbcSubscriptionStore over(Database db) {
        return new JdbcSubscriptionStore(db);
    }

    @Override
    public void create(Subscription s) {
        createAll(List.of(s));
    }

    /** Creates every one of them in one commit, or none. */
    @Override
    public void createAll(List<Subscription> all) {
        db.writeUrgentAndWait(c -> {
            for (Subscription s : all) {
                insert(c, s);
            }
            return null;
        });
    }

    private static int insert(Connection c, Subscription s) throws SQLException {
        return Sql.update(c, "INSERT INTO webhook_subscriptions (id, org_id, url, sink, events,"
                + " description, headers, secrets, active, paused, disabled_reason, created_ns, updated_ns, retry_policy)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", s.id(), s.orgId(), s.url(), s.sink(),
                Json.write(s.events()), s.description(), Json.write(s.headers()), secrets(s), s.active(), s.paused(),
                s.disabledReason(), s.createdAt(), s.updatedAt(), retry(s.retry()));
    }

    /** Replaces every field but the id, org and creation time; false when it is gone. */
    @Override
    public boolean update(Subscription s) {
        return db.writeUrgentAndWait(c -> Sql.update(c, "UPDATE webhook_subscriptions SET url = ?, sink = ?, events = ?,"
                + " description = ?, headers = ?, secrets = ?, active = ?, paused = ?, disabled_reason = ?, updated_ns = ?,"
                + " retry_policy = ? WHERE id = ? AND org_id = ?", s.url(), s.sink(), Json.write(s.events()), s.description(),
                Json.write(s.headers()), secrets(s), s.active(), s.paused(), s.disabledReason(), s.updatedAt(),
                retry(s.retry()), s.id(), s.orgId()) == 1);
    }

    @Override
    public boolean delete(String orgId, String id) {
        return db.writeUrgentAndWait(c -> Sql.update(c, "DELETE FROM webhook_subscriptions WHERE id = ? AND org_id = ?",
                id, orgId) == 1);
    }

    /** A subscription of the org; {@code orgId} null looks in every org (the operator's view). */
    @Override
    public Optional<Subscription> find(String orgId, String id) {
        if (orgId == null) {
            return db.read(c -> Sql.one(c, "SELECT " + COLUMNS + " FROM webhook_subscriptions s WHERE s.id = ?",
                    JdbcSubscriptionStore::row, id));
        }
        return db.read(c -> Sql.one(c, "SELECT " + COLUMNS + " FROM webhook_subscriptions s WHERE s.id = ? AND s.org_id = ?",
                JdbcSubscriptionStore::row, id, orgId));
    }

    /** The subscriptions with these ids, whatever their org (the sender's view). */
    @Override
    public Map<String, Subscription> byIds(Collection<String> ids) {
        Map<String, Subscription> found = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        String marks = String.join(", ", Collections.nCopies(ids.size(), "?"));
        for (Subscription s : db.read(c -> Sql.list(c, "SELECT " + COLUMNS + " FROM webhook_subscriptions s WHERE s.id IN ("
                + marks + ")", JdbcSubscriptionStore::row, ids.toArray()))) {
            found.put(s.id(), s);
        }
        return found;
    }

    /** Every active subscription of an org. */
    @Override
    public List<Subscription> active(String orgId) {
        return list(orgId, true, 0, Integer.MAX_VALUE);
    }

    @Override
    public List<Subscription> active(Connection connection, String orgId) throws SQLException {
        return Sql.list(connection, "SELECT " + COLUMNS + " FROM webhook_subscriptions s WHERE s.org_id = ? AND s.active = 1"
                + " ORDER BY s.created_ns, s.id", JdbcSubscriptionStore::row, orgId);
    }

    /** An org's subscriptions, oldest first; {@code orgId} null for every org's (the operator's view). */
    @Override
    public List<Subscription> list(String orgId, boolean activeOnly, int offset, int limit) {
        List<Object> args = new ArrayList<>();
        String where = where(orgId, activeOnly, args);
        args.add(limit);
        args.add(offset);
        return db.read(c -> Sql.list(c, "SELECT " + COLUMNS + " FROM webhook_subscriptions s" + where
                + " ORDER BY s.created_ns, s.id LIMIT ? OFFSET ?", JdbcSubscriptionStore::row, args.toArray()));
    }

    @Override
    public long count(String orgId, boolean activeOnly) {
        List<Object> args = new ArrayList<>();
        String where = where(orgId, activeOnly, args);
        return db.read(c -> Sql.one(c, "SELECT COUNT(*) FROM webhook_subscriptions s" + where, rs -> rs.getLong(1),
                args.toArray()).orElse(0L));
    }

    /** Pauses or resumes every subscription of an org (null: every org); returns how many changed. */
    @Override
    public int pauseAll(String orgId, boolean paused, Instant now) {
        if (orgId == null) {
            return db.writeUrgentAndWait(c -> Sql.update(c, "UPDATE webhook_subscriptions SET paused = ?, updated_ns = ?"
                    + " WHERE paused <> ?", paused, now, paused));
        }
        return db.writeUrgentAndWait(c -> Sql.update(c, "UPDATE webhook_subscriptions SET paused = ?, updated_ns = ?"
                + " WHERE org_id = ? AND paused <> ?", paused, now, orgId, paused));
    }

    /** Every org's subscriptions in id order, up to {@code limit} after {@code afterId} (null: from the first). */
    @Override
    public List<Subscription> afterId(String afterId, int limit) {
        if (afterId == null) {
            return db.read(c -> Sql.list(c, "SELECT " + COLUMNS + " FROM webhook_subscriptions s ORDER BY s.id LIMIT ?",
                    JdbcSubscriptionStore::row, limit));
        }
        return db.read(c -> Sql.list(c, "SELECT " + COLUMNS + " FROM webhook_subscriptions s WHERE s.id > ? ORDER BY s.id"
                + " LIMIT ?", JdbcSubscriptionStore::row, afterId, limit));
    }

    /**
     * Replaces a subscription's stored secrets with {@code change} of them, reading and writing in
     * one write transaction, so a secret rotated meanwhile is never overwritten. False when it is
     * gone or the change leaves them as they are.
     */
    @Override
    public boolean changeSecrets(String id, UnaryOperator<List<Subscription.StoredSecret>> change) {
        return db.writeAndWait(c -> {
            // The column as read, not re-serialised: the write below applies only if it is unchanged.
            Optional<Map.Entry<Subscription, String>> read = Sql.one(c, "SELECT " + COLUMNS
                    + " FROM webhook_subscriptions s WHERE s.id = ?", rs -> Map.entry(row(rs), rs.getString("secrets")), id);
            if (read.isEmpty()) {
                return false;
            }
            Subscription now = read.get().getKey();
            List<Subscription.StoredSecret> changed = change.apply(now.secrets());
            if (changed.equals(now.secrets())) {
                return false;
            }
            return Sql.update(c, "UPDATE webhook_subscriptions SET secrets = ? WHERE id = ? AND secrets = ?",
                    secrets(now.with(changed, now.updatedAt())), id, read.get().getValue()) == 1;
        });
    }

    /** After a 410 Gone: no more deliveries until someone turns it on again. */
    @Override
    public void disable(String id, String reason, Instant now) {
        db.write(id, c -> Sql.update(c, "UPDATE webhook_subscriptions SET active = 0, disabled_reason = ?, updated_ns = ?"
                + " WHERE id = ?", reason, now, id));
    }

    private static String where(String orgId, boolean activeOnly, List<Object> args) {
        List<String> conditions = new ArrayList<>();
        if (orgId != null) {
            conditions.add("s.org_id = ?");
            args.add(orgId);
        }
        if (activeOnly) {
            conditions.add("s.active = 1");
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private static String secrets(Subscription s) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Subscription.StoredSecret secret : s.secrets()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("sealed", secret.sealed());
            row.put("created_ns", Sql.nanos(secret.createdAt()));
            row.put("expires_ns", secret.expiresAt() == null ? null : Sql.nanos(secret.expiresAt()));
            rows.add(row);
        }
        return Json.write(rows);
    }

    @SuppressWarnings("unchecked")
    private static Subscription row(ResultSet rs) throws SQLException {
        List<Subscription.StoredSecret> secrets = new ArrayList<>();
        for (Map<String, Object> row : Json.read(rs.getString("secrets"), SECRETS)) {
            Object expires = row.get("expires_ns");
            secrets.add(new Subscription.StoredSecret((Map<String, Object>) row.get("sealed"),
                    Sql.instant(((Number) row.get("created_ns")).longValue()),
                    expires == null ? null : Sql.instant(((Number) expires).longValue())));
        }
        return new Subscription(rs.getString("id"), rs.getString("org_id"), rs.getString("url"), rs.getString("sink"),
                Json.read(rs.getString("events"), STRINGS), rs.getString("description"),
                Json.read(rs.getString("headers"), HEADERS), secrets, rs.getInt("active") == 1, rs.getInt("paused") == 1,
                rs.getString("disabled_reason"), Sql.instant(rs.getLong("created_ns")), Sql.instant(rs.getLong("updated_ns")),
                retry(rs.getString("retry_policy")));
    }

    private static String retry(RetrySchedule retry) {
        if (retry == null) {
            return null;
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("base_ms", retry.base().toMillis());
        row.put("max_ms", retry.max().toMillis());
        row.put("max_retries", retry.maxRetries());
        row.put("jitter", retry.jitter());
        return Json.write(row);
    }

    private static RetrySchedule retry(String column) {
        if (column == null) {
            return null;
        }
        Map<String, Object> row = Json.readMap(column);
        return new RetrySchedule(Duration.ofMillis(((Number) row.get("base_ms")).longValue()),
                Duration.ofMillis(((Number) row.get("max_ms")).longValue()), ((Number) row.get("max_retries")).intValue(),
                ((Number) row.get("jitter")).doubleValue());
    }
}
