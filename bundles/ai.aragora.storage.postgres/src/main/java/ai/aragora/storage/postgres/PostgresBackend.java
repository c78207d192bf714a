package ai.aragora.storage.postgres;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import ai.aragora.storage.jdbc.BackendFactory;
import ai.aragora.storage.jdbc.Database;
import ai.aragora.storage.jdbc.Databases;
import ai.aragora.storage.jdbc.Dialect;
import ai.aragora.storage.jdbc.Migrations;
import ai.aragora.storage.jdbc.StorageBackend;
import ai.aragora.storage.jdbc.StorageException;
import ai.aragora.storage.jdbc.Store;

/**
 * Every store in one PostgreSQL database (one schema, one history table per store), shared by
 * any number of instances: job claims skip rows other instances hold, the receipt sequencer is
 * a locked row. One pool serves reads and the writer threads, which group concurrent writes
 * into shared commits like the SQLite writer does.
 */
@Component(service = StorageBackend.class, property = StorageBackend.NAME + "=postgres",
        configurationPid = {StorageSettings.PID, PostgresConfig.PID, PostgresBackend.SELECTED_PID},
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public class PostgresBackend implements BackendFactory.Opened {

    /**
     * Present when the postgres feature is booted: the bundle also serves as a copy target
     * ({@link PostgresBackendFactory}), and then it must not become the store.
     */
    static final String SELECTED_PID = "ai.aragora.storage.postgres.selected";

    private static final Logger LOG = LoggerFactory.getLogger(PostgresBackend.class);
    /** How long a request waits for a pooled connection unless ARAGORA_DB_POOL_TIMEOUT says otherwise. */
    static final Duration DEFAULT_POOL_TIMEOUT = Duration.ofSeconds(30);

    private final String location;
    private final String url;
    private final String user;
    private final String password;
    private final String schema;
    private final HikariDataSource pool;
    private final Map<Store, Database> databases = new EnumMap<>(Store.class);
    private final Map<Store, Migrations> migrations = new EnumMap<>(Store.class);

    @Activate
    public PostgresBackend(@Reference Databases databases, StorageSettings storage, PostgresConfig config) {
        this(databases, config.url(), config.user(), config._password(), config.schema(), config.pool_size(),
                Duration.ofSeconds(config.pool_timeout_seconds()), config.writer_threads(), config.max_batch(), storage.auto_migrate());
    }

    public PostgresBackend(Databases opener, String url, String user, String password, String schema, int poolSize,
            int writerThreads, int maxBatch, boolean autoMigrate) {
        this(opener, url, user, password, schema, poolSize, DEFAULT_POOL_TIMEOUT, writerThreads, maxBatch, autoMigrate);
    }

    public PostgresBackend(Databases opener, String url, String user, String password, String schema, int poolSize,
            Duration poolTimeout, int writerThreads, int maxBatch, boolean autoMigrate) {
        if (url == null || !url.startsWith("jdbc:postgresql://")) {
            throw new StorageException("PostgreSQL storage needs a jdbc:postgresql:// URL (set DATABASE_URL)");
        }
        if (!schema.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new StorageException("schema '" + schema + "' must be a lower-case SQL identifier");
        }
        this.url = url;
        this.user = user;
        this.password = password;
        this.schema = schema;
        // Without the query: it may carry password= or sslpassword=, and the location is logged.
        this.location = url.substring("jdbc:".length()).replaceFirst("\\?.*$", "") + " (schema " + schema + ")";
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setURL(url);
        pg.setUser(user);
        pg.setPassword(password);
        pg.setCurrentSchema(schema);
        pg.setApplicationName("aragora");
        HikariConfig hikari = new HikariConfig();
        hikari.setDataSource(pg);
        hikari.setPoolName("aragora-postgres");
        // Every writer may hold a connection at once (the aragora store's lanes and one per other
        // store), and reads still need one.
        hikari.setMaximumPoolSize(Math.max(poolSize, writerThreads + Store.values().length));
        hikari.setConnectionTimeout(poolTimeout.toMillis());
        // Fail at start with the reason rather than in the first request.
        hikari.setInitializationFailTimeout(10_000);
        try {
            this.pool = new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new StorageException("PostgreSQL at " + location + " is not reachable: " + safe(e, password));
        }
        try (MigrationLock lock = autoMigrate ? MigrationLock.take(pg) : null) {
            for (Store store : Store.values()) {
                // Only the aragora store sends writes keyed by debate; the others would leave extra lanes idle.
                int threads = store == Store.ARAGORA ? writerThreads : 1;
                Database db = opener.open(store, Dialect.POSTGRES, pool, pool, threads, maxBatch, () -> { });
                databases.put(store, db);
                migrations.put(store, opener.migrations(db, pool, PostgresBackend.class.getClassLoader(), schema,
                        "flyway_history_" + store.id()));
                if (autoMigrate) {
                    int applied = migrations.get(store).apply();
                    if (applied > 0) {
                        LOG.info("{}: applied {} migrations", store.id(), applied);
                    }
                }
            }
        } catch (RuntimeException e) {
            close();
            throw new StorageException("PostgreSQL storage at " + location + " cannot be opened: " + safe(e, password));
        }
        LOG.info("PostgreSQL storage at {}", location);
    }

    /** A driver message with the password taken out, should a driver ever quote it. */
    private static String safe(Throwable e, String password) {
        String message = String.valueOf(e.getMessage());
        return password == null || password.isEmpty() ? message : message.replace(password, "****");
    }

    @Deactivate
    @Override
    public void close() {
        for (Database db : databases.values()) {
            try {
                db.close();
            } catch (RuntimeException e) {
                LOG.warn("{}: {}", db.store().id(), e.getMessage());
            }
        }
        databases.clear();
        if (pool != null) {
            pool.close();
        }
    }

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public Database database(Store store) {
        Database db = databases.get(store);
        if (db == null) {
            throw new StorageException("PostgreSQL storage is closed");
        }
        return db;
    }

    @Override
    public Migrations migrations(Store store) {
        return migrations.get(store);
    }

    @Override
    public List<Check> checkFiles() {
        try {
            String version = database(Store.ARAGORA).read(c -> {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW server_version")) {
                    return rs.next() ? rs.getString(1) : "?";
                }
            });
            return List.of(new Check(location, true, "PostgreSQL " + version + " answers; its own checksums guard the files"));
        } catch (RuntimeException e) {
            return List.of(new Check(location, false, "not answering: " + e.getMessage()));
        }
    }

    /**
     * {@code pg_dump} in its custom format (restore with {@code pg_restore}), when the PostgreSQL
     * client is installed; the password goes to it in the environment, never on its command line.
     */
    @Override
    public List<Path> backup(Path dir) throws IOException {
        Path dump = dir.resolve("aragora.dump");
        PgDump.run(url, user, password, schema, dump);
        return List.of(dump);
    }

    @Override
    public List<Path> orphanedFiles() {
        return List.of();
    }
}
