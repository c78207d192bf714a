package ai.aragora.storage.postgres;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import org.postgresql.ds.PGSimpleDataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import ai.aragora.storage.jdbc.Database;
import ai.aragora.storage.jdbc.StorageBackend;
import ai.aragora.storage.jdbc.StorageException;

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

    final Target target;
    final String location;
    final PGSimpleDataSource unpooled;
    final HikariDataSource pooled;

    Pool(Target target, String schema, String name, int size, Duration timeout) {
        this.target = target;
        this.location = target + " (schema " + schema + ")";
        unpooled = new PGSimpleDataSource();
        unpooled.setURL(target.url());
        unpooled.setUser(target.user());
        unpooled.setPassword(target.password());
        unpooled.setCurrentSchema(schema);
        unpooled.setApplicationName("aragora");
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

    /** {@code pg_dump} of {@code schema} in its custom format into {@code file}. */
    Path dump(String schema, Path file) throws IOException {
        PgDump.run(target.url(), target.user(), target.password(), schema, file);
        return file;
    }

    @Override
    public void close() {
        pooled.close();
    }
}
