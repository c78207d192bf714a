package ai.aragora.storage.jdbc.ops;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.aragora.storage.jdbc.Database;
import ai.aragora.storage.jdbc.Migrations;
import ai.aragora.storage.jdbc.StorageBackend;
import ai.aragora.storage.jdbc.StorageException;
import ai.aragora.storage.jdbc.Store;
import ai.aragora.storage.jdbc.statement.Sql;

/**
 * Copies every table of every {@link Store} from one backend into an empty PostgreSQL database,
 * in key order and in batches. Which tables and columns there are is read from the databases
 * themselves, so a store or table added later is copied without changes here. Each batch commits
 * together with how far its table got (table {@value #PROGRESS}), so an interrupted copy resumes
 * where it stopped.
 */
final class StoreCopy {

    static final String PROGRESS = "aragora_copy_progress";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A table to copy: its columns as the source has them, the target's primary key and column types. */
    record Table(Store store, String name, List<String> columns, List<String> key, Map<String, Integer> targetTypes,
            List<String> identity) {
    }

    /** How far a table got. */
    private record Progress(List<Object> lastKey, long copied, boolean done) {
    }

    private final StorageBackend source;
    private final StorageBackend target;
    private final int batch;
    private final PrintStream progress;

    StoreCopy(StorageBackend source, StorageBackend target, int batch, PrintStream progress) {
        this.source = source;
        this.target = target;
        this.batch = batch;
        this.progress = progress;
    }

    /**
     * Refuses a target that holds Aragora data a copy did not put there, then brings its schema up
     * to date; returns whether an earlier copy is resumed.
     */
    boolean prepareTarget() {
        Database db = target.database(Store.ARAGORA);
        boolean resuming = db.read(c -> tableExists(c, PROGRESS));
        if (!resuming) {
            for (Store store : Store.values()) {
                boolean applied = target.migrations(store).status().stream().anyMatch(s -> !s.state().equalsIgnoreCase("pending"));
                if (applied) {
                    throw new StorageException("the target already holds an Aragora schema (" + store.id()
                            + ") that no copy started: copy needs an empty database");
                }
            }
            db.writeAndWait(c -> Sql.update(c, "CREATE TABLE " + PROGRESS
                    + " (tbl TEXT PRIMARY KEY, last_key TEXT, copied BIGINT NOT NULL, done INTEGER NOT NULL)"));
        }
        for (Store store : Store.values()) {
            Migrations m = target.migrations(store);
            m.apply();
        }
        return resuming;
    }

    /** The tables of every store, each store's in an order that inserts a referenced row before its referrers. */
    List<Table> plan() {
        List<Table> tables = new ArrayList<>();
        for (Store store : Store.values()) {
            List<String> names = source.database(store).read(StoreCopy::userTables);
            Map<String, List<String>> references = target.database(store).read(c -> referencedTables(c, names));
            for (String name : dependencyOrder(names, references)) {
                tables.add(describe(store, name));
            }
        }
        return tables;
    }

    /** Copies what is left of {@code table}; returns the rows it holds in the target afterwards. */
    long copy(Table table) {
        Database from = source.database(table.store());
        Database to = target.database(table.store());
        Progress at = to.read(c -> progressOf(c, table.name()));
        if (at.done()) {
            progress.println(table.store().id() + "." + table.name() + ": done earlier (" + at.copied() + " rows)");
            return at.copied();
        }
        long total = from.read(c -> Sql.count(c, "SELECT COUNT(*) FROM " + table.name()));
        String first = select(table, false);
        String next = select(table, true);
        String insert = insert(table);
        List<Object> lastKey = at.lastKey();
        long copied = at.copied();
        long lastReport = 0;
        while (true) {
            List<Object> after = lastKey;
            List<Object[]> rows = from.read(c -> rows(c, after == null ? first : next, table.columns().size(), after));
            if (rows.isEmpty()) {
                break;
            }
            List<Object> key = keyOf(table, rows.get(rows.size() - 1));
            long copiedNow = copied + rows.size();
            to.writeAndWait(c -> {
                // the target's triggers must not announce history again (webhook outbox)
                Sql.update(c, "SET LOCAL aragora.copying = 'on'");
                insertRows(c, insert, table, rows);
                saveProgress(c, table.name(), key, copiedNow, false);
                return null;
            });
            lastKey = key;
            copied = copiedNow;
            long now = System.nanoTime();
            if (now - lastReport > 1_000_000_000L) {
                progress.printf("%s.%s: %d / %d rows%n", table.store().id(), table.name(), copied, total);
                lastReport = now;
            }
            if (rows.size() < batch) {
                break;
            }
        }
        long done = copied;
        to.writeAndWait(c -> {
            resetIdentities(c, table);
            saveProgress(c, table.name(), null, done, true);
            return null;
        });
        progress.printf("%s.%s: %d rows copied%n", table.store().id(), table.name(), done);
        return done;
    }

    /** Forgets the progress once the copy is verified: the target is then an ordinary Aragora database. */
    void finish() {
        target.database(Store.ARAGORA).writeAndWait(c -> Sql.update(c, "DROP TABLE " + PROGRESS));
    }

    private Table describe(Store store, String name) {
        List<String> columns = source.database(store).read(c -> sourceColumns(c, name));
        return target.database(store).read(c -> {
            Map<String, Integer> types = targetColumns(c, name);
            if (types.isEmpty()) {
                throw new StorageException(store.id() + "." + name + " has no table in the target: are both on the same schema version?");
            }
            for (String column : columns) {
                if (!types.containsKey(column)) {
                    throw new StorageException(store.id() + "." + name + "." + column + " has no column in the target");
                }
            }
            List<String> key = primaryKey(c, name);
            if (key.isEmpty()) {
                throw new StorageException(store.id() + "." + name + " has no primary key in the target: it cannot be copied resumably");
            }
            return new Table(store, name, columns, key, types, identityColumns(c, name));
        });
    }

    private String select(Table table, boolean resume) {
        String keys = String.join(", ", table.key());
        String where = resume ? " WHERE (" + keys + ") > (" + placeholders(table.key().size()) + ")" : "";
        return "SELECT " + String.join(", ", table.columns()) + " FROM " + table.name() + where + " ORDER BY " + keys + " LIMIT " + batch;
    }

    /**
     * An upsert that changes a row only where it differs: rows the schema seeds (the chain head)
     * take the source's values, and tables that refuse updates (the append-only chain) never see one.
     */
    private static String insert(Table table) {
        List<String> nonKey = table.columns().stream().filter(c -> !table.key().contains(c)).toList();
        String overriding = table.identity().isEmpty() ? "" : " OVERRIDING SYSTEM VALUE";
        String conflict = nonKey.isEmpty() ? " ON CONFLICT DO NOTHING"
                : " ON CONFLICT (" + String.join(", ", table.key()) + ") DO UPDATE SET "
                        + String.join(", ", nonKey.stream().map(c -> c + " = EXCLUDED." + c).toList())
                        + " WHERE (" + String.join(", ", nonKey.stream().map(c -> table.name() + "." + c).toList()) + ")"
                        + " IS DISTINCT FROM (" + String.join(", ", nonKey.stream().map(c -> "EXCLUDED." + c).toList()) + ")";
        return "INSERT INTO " + table.name() + " (" + String.join(", ", table.columns()) + ")" + overriding
                + " VALUES (" + placeholders(table.columns().size()) + ")" + conflict;
    }

    private static void insertRows(Connection c, String sql, Table table, List<Object[]> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    int type = table.targetTypes().get(table.columns().get(i));
                    if (row[i] == null) {
                        ps.setNull(i + 1, type);
                    } else {
                        ps.setObject(i + 1, row[i], type);
                    }
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static List<Object[]> rows(Connection c, String sql, int width, List<Object> after) throws SQLException {
        try (PreparedStatement ps = Sql.prepare(c, sql, after == null ? new Object[0] : after.toArray())) {
            try (ResultSet rs = ps.executeQuery()) {
                List<Object[]> out = new ArrayList<>();
                while (rs.next()) {
                    Object[] row = new Object[width];
                    for (int i = 0; i < width; i++) {
                        row[i] = rs.getObject(i + 1);
                    }
                    out.add(row);
                }
                return out;
            }
        }
    }

    private static List<Object> keyOf(Table table, Object[] row) {
        List<Object> key = new ArrayList<>();
        for (String column : table.key()) {
            key.add(row[table.columns().indexOf(column)]);
        }
        return key;
    }

    /** After rows were inserted with their own ids, the identity continues after the highest. */
    private static void resetIdentities(Connection c, Table table) throws SQLException {
        for (String column : table.identity()) {
            Sql.list(c, "SELECT setval(pg_get_serial_sequence(?, ?), COALESCE(MAX(" + column + "), 1), MAX(" + column
                    + ") IS NOT NULL) FROM " + table.name(), rs -> rs.getLong(1), table.name(), column);
        }
    }

    private static Progress progressOf(Connection c, String table) throws SQLException {
        return Sql.one(c, "SELECT last_key, copied, done FROM " + PROGRESS + " WHERE tbl = ?",
                rs -> new Progress(decodeKey(rs.getString(1)), rs.getLong(2), rs.getInt(3) == 1), table)
                .orElse(new Progress(null, 0, false));
    }

    private static void saveProgress(Connection c, String table, List<Object> key, long copied, boolean done) throws SQLException {
        Sql.update(c, "INSERT INTO " + PROGRESS + " (tbl, last_key, copied, done) VALUES (?, ?, ?, ?) ON CONFLICT (tbl)"
                + " DO UPDATE SET last_key = EXCLUDED.last_key, copied = EXCLUDED.copied, done = EXCLUDED.done",
                table, key == null ? null : encodeKey(key), copied, done ? 1 : 0);
    }

    private static String encodeKey(List<Object> key) {
        try {
            return JSON.writeValueAsString(key);
        } catch (JsonProcessingException e) {
            throw new StorageException("a key cannot be recorded: " + e.getOriginalMessage());
        }
    }

    private static List<Object> decodeKey(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readValue(json, new TypeReference<List<Object>>() { });
        } catch (JsonProcessingException e) {
            throw new StorageException(PROGRESS + " holds a key that is not JSON: drop the table to start over");
        }
    }

    private static List<String> userTables(Connection c) throws SQLException {
        if ("SQLite".equals(c.getMetaData().getDatabaseProductName())) {
            // full-text indexes and their shadow tables are rebuilt on the target by its own schema
            return Sql.list(c, "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table'"
                    + " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE 'flyway\\_%' ESCAPE '\\' AND name <> ?",
                    rs -> rs.getString(1), PROGRESS);
        }
        List<String> names = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME");
                if (!name.startsWith("sqlite_") && !name.startsWith("flyway_") && !name.equals(PROGRESS)) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    private static boolean tableExists(Connection c, String name) throws SQLException {
        try (ResultSet rs = c.getMetaData().getTables(null, c.getSchema(), name, new String[] {"TABLE"})) {
            return rs.next();
        }
    }

    private static List<String> sourceColumns(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM " + table + " LIMIT 0"); ResultSet rs = ps.executeQuery()) {
            ResultSetMetaData md = rs.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                columns.add(md.getColumnName(i).toLowerCase(java.util.Locale.ROOT));
            }
            return columns;
        }
    }

    private static Map<String, Integer> targetColumns(Connection c, String table) throws SQLException {
        Map<String, Integer> types = new LinkedHashMap<>();
        try (ResultSet rs = c.getMetaData().getColumns(null, c.getSchema(), table, "%")) {
            while (rs.next()) {
                types.put(rs.getString("COLUMN_NAME"), rs.getInt("DATA_TYPE"));
            }
        }
        return types;
    }

    private static List<String> primaryKey(Connection c, String table) throws SQLException {
        Map<Integer, String> bySeq = new java.util.TreeMap<>();
        try (ResultSet rs = c.getMetaData().getPrimaryKeys(null, c.getSchema(), table)) {
            while (rs.next()) {
                bySeq.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
            }
        }
        return List.copyOf(bySeq.values());
    }

    private static List<String> identityColumns(Connection c, String table) throws SQLException {
        return Sql.list(c, "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema()"
                + " AND table_name = ? AND is_identity = 'YES'", rs -> rs.getString(1), table);
    }

    private static Map<String, List<String>> referencedTables(Connection c, List<String> tables) throws SQLException {
        Map<String, List<String>> references = new LinkedHashMap<>();
        for (String table : tables) {
            List<String> referenced = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getImportedKeys(null, c.getSchema(), table)) {
                while (rs.next()) {
                    referenced.add(rs.getString("PKTABLE_NAME"));
                }
            }
            references.put(table, referenced);
        }
        return references;
    }

    /** Referenced tables first; a cycle (none today) is an error rather than a copy that fails half-way. */
    static List<String> dependencyOrder(List<String> tables, Map<String, List<String>> references) {
        List<String> ordered = new ArrayList<>();
        List<String> left = new ArrayList<>(tables);
        left.sort(null);
        while (!left.isEmpty()) {
            Optional<String> next = left.stream()
                    .filter(t -> references.getOrDefault(t, List.of()).stream().allMatch(r -> r.equals(t) || ordered.contains(r)
                            || !tables.contains(r)))
                    .findFirst();
            if (next.isEmpty()) {
                throw new StorageException("tables " + left + " refer to each other in a cycle");
            }
            ordered.add(next.get());
            left.remove(next.get());
        }
        return ordered;
    }

    private static String placeholders(int n) {
        return String.join(", ", Arrays.stream(new String[n]).map(x -> "?").toList());
    }
}
