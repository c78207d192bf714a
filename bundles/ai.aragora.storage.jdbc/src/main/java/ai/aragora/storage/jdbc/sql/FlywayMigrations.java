package ai.aragora.storage.jdbc.sql;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateResult;

import ai.aragora.storage.jdbc.Database;
import ai.aragora.storage.jdbc.Migrations;
import ai.aragora.storage.jdbc.StorageException;
import ai.aragora.storage.jdbc.Store;
import ai.aragora.storage.jdbc.statement.Sql;

/**
 * One store's schema history with Flyway. Migrations are resources of the backend bundle, so
 * Flyway is given that bundle's class loader (the thread's context loader finds nothing in
 * OSGi) and fails when the location is missing instead of silently migrating nothing.
 * Rollback is ours: Flyway's undo is not in its open edition. It reverts the last applied
 * migration with the backend's {@code U<version>.sql} and removes its history row, in one
 * transaction, or refuses when no such script exists.
 */
public final class FlywayMigrations implements Migrations {

    private final Store store;
    private final Database database;
    private final ClassLoader resources;
    private final Flyway flyway;
    private final String historyTable;

    /**
     * @param schema the schema to keep the tables in, or null for the connection's (SQLite)
     * @param historyTable the schema history table of this store
     */
    public FlywayMigrations(Store store, DataSource connections, Database database, ClassLoader resources, String schema,
            String historyTable) {
        this.store = store;
        this.database = database;
        this.resources = resources;
        this.historyTable = schema == null ? quote(historyTable) : quote(schema) + "." + quote(historyTable);
        var config = Flyway.configure(resources)
                .dataSource(connections)
                .locations("classpath:" + store.migrationLocation())
                .failOnMissingLocations(true)
                .table(historyTable)
                .cleanDisabled(true)
                .validateMigrationNaming(true);
        if (schema != null) {
            // Several stores share the schema, each with its own history: another store's tables
            // are not a reason to refuse. Baseline 0 sits below every migration, so all of them run.
            config = config.schemas(schema).defaultSchema(schema).baselineOnMigrate(true).baselineVersion("0");
        }
        this.flyway = config.load();
    }

    @Override
    public Store store() {
        return store;
    }

    @Override
    public List<Status> status() {
        List<Status> out = new ArrayList<>();
        for (MigrationInfo info : flyway.info().all()) {
            out.add(new Status(info.getVersion() == null ? "" : info.getVersion().getVersion(), info.getDescription(),
                    info.getState().getDisplayName(), info.getInstalledOn() == null ? "" : info.getInstalledOn().toInstant().toString()));
        }
        return out;
    }

    @Override
    public int pending() {
        return flyway.info().pending().length;
    }

    @Override
    public int apply() {
        MigrateResult result = flyway.migrate();
        return result.migrationsExecuted;
    }

    @Override
    public String rollback() {
        MigrationInfo last = lastApplied().orElseThrow(() ->
                new StorageException(store.id() + ": no applied migration to roll back"));
        String version = last.getVersion().getVersion();
        String script = store.undoLocation() + "/U" + version + ".sql";
        URL undo = resources.getResource(script);
        if (undo == null) {
            throw new StorageException(store.id() + ": version " + version + " (" + last.getDescription()
                    + ") has no undo script (" + script + "); refusing to roll back. Restore a backup instead.");
        }
        String sql = read(undo);
        database.writeAndWait(c -> {
            try (Statement s = c.createStatement()) {
                for (String statement : statements(sql)) {
                    s.execute(statement);
                }
            }
            if (Sql.update(c, "DELETE FROM " + historyTable + " WHERE version = ?", version) != 1) {
                throw new StorageException(store.id() + ": version " + version + " is not in the schema history");
            }
            return null;
        });
        return version;
    }

    private Optional<MigrationInfo> lastApplied() {
        MigrationInfo[] applied = flyway.info().applied();
        for (int i = applied.length - 1; i >= 0; i--) {
            if (applied[i].getVersion() != null && applied[i].getState() == MigrationState.SUCCESS) {
                return Optional.of(applied[i]);
            }
        }
        return Optional.empty();
    }

    /** Statements end with a semicolon at the end of a line; undo scripts are plain DDL. */
    static List<String> statements(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : sql.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String statement = current.toString().strip();
                out.add(statement.substring(0, statement.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }

    private static String read(URL url) {
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StorageException("cannot read " + url.getPath(), e);
        }
    }

    private static String quote(String identifier) {
        if (!identifier.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("'" + identifier + "' is not a plain SQL identifier");
        }
        return "\"" + identifier + "\"";
    }
}
