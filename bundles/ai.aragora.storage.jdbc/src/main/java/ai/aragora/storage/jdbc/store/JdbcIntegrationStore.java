package ai.aragora.storage.jdbc.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import ai.aragora.api.crypto.EncryptedFieldSource;
import ai.aragora.api.crypto.FieldContext;
import ai.aragora.api.crypto.StoredField;
import ai.aragora.api.storage.IntegrationRecord;
import ai.aragora.api.storage.IntegrationStore;
import ai.aragora.api.storage.Page;
import ai.aragora.storage.jdbc.Database;
import ai.aragora.storage.jdbc.StorageBackend;
import ai.aragora.storage.jdbc.Store;
import ai.aragora.storage.jdbc.statement.Sql;

/**
 * Integrations in the {@code integrations} store: settings and credentials as JSON text. As the
 * source {@value IntegrationStore#FIELD_SOURCE} it lists every credential for re-sealing, and replaces one only while
 * the row still holds what was read, so a migration running beside the server never overwrites
 * a credential changed meanwhile.
 */
@Component(service = {IntegrationStore.class, EncryptedFieldSource.class},
        property = {"service.ranking:Integer=100", EncryptedFieldSource.NAME + "=" + IntegrationStore.FIELD_SOURCE})
public class JdbcIntegrationStore implements IntegrationStore, EncryptedFieldSource {

    private static final String COLUMNS = "org_id, id, type, name, enabled, settings, credentials, created_ns, updated_ns";

    private final Database db;

    @Activate
    public JdbcIntegrationStore(@Reference StorageBackend backend) {
        this(backend.database(Store.INTEGRATIONS));
    }

    /** Outside the framework (commands, tests): the store on a database at hand. */
    public static JdbcIntegrationStore on(Database db) {
        return new JdbcIntegrationStore(db);
    }

    private JdbcIntegrationStore(Database db) {
        this.db = db;
    }

    @Override
    public Optional<IntegrationRecord> find(String orgId, String id) {
        return db.read(c -> Sql.one(c, "SELECT " + COLUMNS + " FROM integrations WHERE org_id = ? AND id = ?",
                JdbcIntegrationStore::record, orgId, id));
    }

    @Override
    public Page<IntegrationRecord> list(String orgId, String type, Boolean enabled, int offset, int limit) {
        int from = Math.max(0, offset);
        int size = Math.min(Math.max(0, limit), 1000);
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (orgId != null) {
            where.append(" AND org_id = ?");
            args.add(orgId);
        }
        if (type != null) {
            where.append(" AND type = ?");
            args.add(type);
        }
        if (enabled != null) {
            where.append(" AND enabled = ?");
            args.add(enabled);
        }
        List<Object> paged = new ArrayList<>(args);
        paged.add(size);
        paged.add(from);
        return db.read(c -> new Page<>(
                Sql.list(c, "SELECT " + COLUMNS + " FROM integrations" + where + " ORDER BY org_id, id LIMIT ? OFFSET ?",
                        JdbcIntegrationStore::record, paged.toArray()),
                Sql.count(c, "SELECT COUNT(*) FROM integrations" + where, args.toArray()), from, size));
    }

    @Override
    public CompletionStage<Boolean> create(IntegrationRecord r) {
        return db.write(c -> Sql.update(c, "INSERT INTO integrations (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (org_id, id) DO NOTHING", r.orgId(), r.id(), r.type(), r.name(), r.enabled(),
                JsonCodec.write(r.settings()), JsonCodec.write(r.credentials()), r.createdAt(), r.updatedAt()) == 1);
    }

    @Override
    public CompletionStage<Boolean> update(IntegrationRecord r) {
        return db.write(c -> Sql.update(c, "UPDATE integrations SET type = ?, name = ?, enabled = ?, settings = ?, credentials = ?,"
                + " updated_ns = ? WHERE org_id = ? AND id = ?", r.type(), r.name(), r.enabled(), JsonCodec.write(r.settings()),
                JsonCodec.write(r.credentials()), r.updatedAt(), r.orgId(), r.id()) == 1);
    }

    @Override
    public CompletionStage<Boolean> delete(String orgId, String id) {
        return db.write(c -> Sql.update(c, "DELETE FROM integrations WHERE org_id = ? AND id = ?", orgId, id) == 1);
    }

    @Override
    public long countEnabled() {
        return db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM integrations WHERE enabled = ?", true));
    }

    @Override
    public String name() {
        return FIELD_SOURCE;
    }

    @Override
    public Batch fields(String cursor, int records) {
        String[] after = cursor == null ? null : Cursor.parse(cursor);
        List<Row> rows = db.read(c -> after == null
                ? Sql.list(c, "SELECT org_id, id, credentials FROM integrations ORDER BY org_id, id LIMIT ?", Row::of,
                        Math.max(1, records))
                : Sql.list(c, "SELECT org_id, id, credentials FROM integrations WHERE org_id > ? OR (org_id = ? AND id > ?)"
                        + " ORDER BY org_id, id LIMIT ?", Row::of, after[0], after[0], after[1], Math.max(1, records)));
        List<StoredField> fields = new ArrayList<>();
        for (Row row : rows) {
            String key = Cursor.of(row.orgId, row.id);
            JsonCodec.readMap(row.credentials).forEach((field, stored) -> {
                if (stored != null) {
                    fields.add(new StoredField(IntegrationRecord.credential(row.orgId, row.id, field), stored, key));
                }
            });
        }
        boolean more = rows.size() == Math.max(1, records);
        return new Batch(fields, more ? Cursor.of(rows.get(rows.size() - 1).orgId, rows.get(rows.size() - 1).id) : null);
    }

    @Override
    public int replace(List<Reseal> reseals) {
        Map<String, List<Reseal>> byRecord = new LinkedHashMap<>();
        for (Reseal r : reseals) {
            byRecord.computeIfAbsent(r.field().record(), k -> new ArrayList<>()).add(r);
        }
        return db.writeAndWait(c -> {
            int replaced = 0;
            for (Map.Entry<String, List<Reseal>> record : byRecord.entrySet()) {
                replaced += replaceIn(c, Cursor.parse(record.getKey()), record.getValue());
            }
            return replaced;
        });
    }

    /** Within the write transaction: read the row, swap the fields that still hold what was read, write it back if unchanged. */
    private static int replaceIn(Connection c, String[] key, List<Reseal> reseals) throws SQLException {
        Optional<String> before = Sql.one(c, "SELECT credentials FROM integrations WHERE org_id = ? AND id = ?",
                rs -> rs.getString(1), key[0], key[1]);
        if (before.isEmpty()) {
            return 0;
        }
        Map<String, Object> credentials = new LinkedHashMap<>(JsonCodec.readMap(before.get()));
        int swapped = 0;
        for (Reseal r : reseals) {
            FieldContext context = r.field().context();
            if (Objects.equals(credentials.get(context.field()), r.field().stored())) {
                credentials.put(context.field(), r.envelope().toMap());
                swapped++;
            }
        }
        if (swapped == 0) {
            return 0;
        }
        int rows = Sql.update(c, "UPDATE integrations SET credentials = ? WHERE org_id = ? AND id = ? AND credentials = ?",
                JsonCodec.write(credentials), key[0], key[1], before.get());
        return rows == 1 ? swapped : 0;
    }

    private record Row(String orgId, String id, String credentials) {
        static Row of(ResultSet rs) throws SQLException {
            return new Row(rs.getString(1), rs.getString(2), rs.getString(3));
        }
    }

    /** A record's key as one opaque string: both parts base64url, so any org id fits. */
    private static final class Cursor {

        static String of(String orgId, String id) {
            return encode(orgId) + "." + encode(id);
        }

        static String[] parse(String cursor) {
            int dot = cursor.indexOf('.');
            if (dot < 0) {
                throw new IllegalArgumentException("not a cursor of " + FIELD_SOURCE);
            }
            return new String[] {decode(cursor.substring(0, dot)), decode(cursor.substring(dot + 1))};
        }

        private static String encode(String s) {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
        }

        private static String decode(String s) {
            return new String(Base64.getUrlDecoder().decode(s), StandardCharsets.UTF_8);
        }
    }

    private static IntegrationRecord record(ResultSet rs) throws SQLException {
        return new IntegrationRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5) == 1,
                JsonCodec.readMap(rs.getString(6)), JsonCodec.readMap(rs.getString(7)), Sql.instant(rs.getLong(8)),
                Sql.instant(rs.getLong(9)));
    }
}
