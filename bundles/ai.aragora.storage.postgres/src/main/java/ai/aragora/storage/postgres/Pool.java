package ai.aragora.storage.postgres;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import ai.aragora.storage.jdbc.Database;
import ai.aragora.storage.jdbc.Databases;
import ai.aragora.storage.jdbc.Dialect;
import ai.aragora.storage.jdbc.Migrations;
import ai.aragora.storage.jdbc.StorageBackend;
import ai.aragora.storage.jdbc.StorageException;
import ai.aragora.storage.jdbc.Store;

/**
 * One PostgreSQL database the backend keeps stores in: its pooled connections, an unpooled
 * source for the migration lock, and where it is, printable (no credentials, no query: it may
 * carry password= or sslpassword=).
 */
final class Pool implements AutoCloseable {

    /** A database to connect to: the JDBC URL without credentials, and them. */
    record Target(String url, String user, String password) {

        Target {
            if (url == null || !url.startsWith("jdbc:postgresql://")) {
                throw new StorageException("PostgreSQL storage needs a jdbc:postgresql:// URL (set DATABASE_URL)");
            }
        }

        @Override
        public String toString() {
            return url.substring("jdbc:".length()).replaceFirst("\\?.*$", "");
        }
    }

    /** One store's database on this pool and its migrations. */
    record Opened(Database database, Migrations migrations) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(Pool.class);

    final Target target;
    final String schema;
    final String location;
    final PGSimpleDataSource unpooled;
    final HikariDataSource pooled;

    Pool(Target target, String schema, String name, int size, Duration timeout) {
        if (!schema.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new StorageException("schema '" + schema + "' must be a lower-case SQL identifier");
        }
        this.target = target;
        this.schema = schema;
        this.location = target + " (schema " + schema + ")";
        unpooled = new PGSimpleDataSource();
        unpooled.setURL(target.url());
        unpooled.setUser(target.user());
        unpooled.setPassword(target.password());
        unpooled.setCurrentSchema(schema);
        unpooled.setApplicationName("aragora");
        // a batch of inserts (a phase's events and messages) goes as multi-row INSERTs: ~7 % less server CPU a debate (0027)
        unpooled.setReWriteBatchedInserts(true);
        HikariConfig hikari = new HikariConfig();
        hikari.setDataSource(unpooled);
        hikari.setPoolName(name);
        hikari.setMaximumPoolSize(size);
        hikari.setConnectionTimeout(timeout.toMillis());
        // Fail at start with the reason rather than in the first request.
        hikari.setInitializationFailTimeout(10_000);
        try {
            pooled = new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new StorageException("PostgreSQL at " + location + " is not reachable: " + safe(e));
        }
    }

    /** A driver message with the password taken out, should a driver ever quote it. */
    String safe(Throwable e) {
        return scrub(String.valueOf(e.getMessage()));
    }

    String scrub(String message) {
        String password = target.password();
        return password == null || password.isEmpty() ? message : message.replace(password, "****");
    }

    /**
     * Opens {@code store} on this pool, its history in {@code flyway_history_<store>}, and applies
     * its pending migrations when {@code migrate} (the caller holds the {@link MigrationLock}).
     */
    Opened open(Databases opener, Store store, int writerThreads, int maxBatch, boolean migrate) {
        Database db = opener.open(store, Dialect.POSTGRES, pooled, pooled, writerThreads, maxBatch, () -> { });
        try {
            Migrations migrations = opener.migrations(db, pooled, Pool.class.getClassLoader(), schema, "flyway_history_" + store.id());
            if (migrate) {
                int applied = migrations.apply();
                if (applied > 0) {
                    LOG.info("{}: applied {} migrations", store.id(), applied);
                }
            }
            return new Opened(db, migrations);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** Whether the database answers, and its version. */
    StorageBackend.Check check(Database db) {
        try {
            String version = db.read(c -> {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW server_version")) {
                    return rs.next() ? rs.getString(1) : "?";
                }
            });
            return new StorageBackend.Check(location, true, "PostgreSQL " + version + " answers; its own checksums guard the files");
        } catch (RuntimeException e) {
            return new StorageBackend.Check(location, false, "not answering: " + safe(e));
        }
    }

    /** {@code pg_dump} of the schema in its custom format into {@code file}. */
    Path dump(Path file) throws IOException {
        PgDump.run(target.url(), target.user(), target.password(), schema, file);
        return file;
    }

    @Override
    public void close() {
        pooled.close();
    }
}
