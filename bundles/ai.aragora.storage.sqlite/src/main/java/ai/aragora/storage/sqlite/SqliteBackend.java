package ai.aragora.storage.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import ai.aragora.storage.jdbc.Database;
import ai.aragora.storage.jdbc.Databases;
import ai.aragora.storage.jdbc.Dialect;
import ai.aragora.storage.jdbc.Migrations;
import ai.aragora.storage.jdbc.SeparateStore;
import ai.aragora.storage.jdbc.StorageBackend;
import ai.aragora.storage.jdbc.StorageException;
import ai.aragora.storage.jdbc.Store;

/**
 * The embedded backend: one SQLite file per store in the data dir. Every connection runs in
 * WAL mode with {@code synchronous=FULL} (a commit survives power loss), foreign keys on and a
 * busy timeout. Writes go through one writer connection per file (SQLite has one writer
 * anyway), which begins its transactions IMMEDIATE so a read-then-write never deadlocks on
 * lock upgrade; reads use a pool that WAL lets run beside the writer. A store registered as a
 * {@link SeparateStore} (the Knowledge Mound on PostgreSQL) is served from there instead of a
 * file; the launcher then sets {@code separate.cardinality.minimum=1}, so the backend waits for it
 * rather than putting the store's data in a file nobody meant.
 */
@Component(service = StorageBackend.class, property = StorageBackend.NAME + "=sqlite",
        configurationPid = {ServerSettings.SERVER_PID, ServerSettings.STORAGE_PID, SqliteConfig.PID})
public class SqliteBackend implements StorageBackend {

    private static final Logger LOG = LoggerFactory.getLogger(SqliteBackend.class);
    /** How long a request waits for a pooled connection unless ARAGORA_DB_POOL_TIMEOUT says otherwise. */
    static final Duration DEFAULT_POOL_TIMEOUT = Duration.ofSeconds(30);
    private static final int CHECKPOINT_FALLBACK_PAGES = 20_000;

    private final Databases opener;
    private final Path dataDir;
    private final Map<Store, Database> databases = new EnumMap<>(Store.class);
    private final Map<Store, Migrations> migrations = new EnumMap<>(Store.class);
    private final Map<Store, HikariDataSource> readPools = new EnumMap<>(Store.class);
    private final Map<Store, SeparateStore> separate = new EnumMap<>(Store.class);
    private final Duration poolTimeout;
    /** Checkpoints, and the pools' housekeeping: one thread rather than one per pool (two per store). */
    private final ScheduledExecutorService checkpointer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "aragora-sqlite-checkpoint");
        t.setDaemon(true);
        return t;
    });

    @Activate
    public SqliteBackend(@Reference Databases databases, ServerSettings server, SqliteConfig config,
            @Reference(name = "separate", policyOption = ReferencePolicyOption.GREEDY) List<SeparateStore> separate) {
        this(databases, dataDir(server.data_dir()), config.busy_timeout_ms(), config.pool_size(),
                Duration.ofSeconds(config.pool_timeout_seconds()), config.max_batch(), server.auto_migrate(), separate);
    }

    public SqliteBackend(Databases opener, Path dataDir, int busyTimeoutMs, int poolSize, int maxBatch, boolean autoMigrate) {
        this(opener, dataDir, busyTimeoutMs, poolSize, DEFAULT_POOL_TIMEOUT, maxBatch, autoMigrate, List.of());
    }

    public SqliteBackend(Databases opener, Path dataDir, int busyTimeoutMs, int poolSize, Duration poolTimeout, int maxBatch,
            boolean autoMigrate) {
        this(opener, dataDir, busyTimeoutMs, poolSize, poolTimeout, maxBatch, autoMigrate, List.of());
    }

    /** Every store in a file of {@code dataDir} but those of {@code separateStores}, served from their own databases. */
    public SqliteBackend(Databases opener, Path dataDir, int busyTimeoutMs, int poolSize, Duration poolTimeout, int maxBatch,
            boolean autoMigrate, List<SeparateStore> separateStores) {
        this.opener = opener;
        this.dataDir = dataDir;
        this.poolTimeout = poolTimeout;
        for (SeparateStore s : separateStores) {
            if (separate.putIfAbsent(s.database().store(), s) != null) {
                throw new StorageException("two separate databases for the " + s.database().store().id() + " store");
            }
        }
        try {
            Files.createDirectories(dataDir);
            for (Store store : Store.values()) {
                SeparateStore elsewhere = separate.get(store);
                if (elsewhere != null) {
                    // opened and migrated by its own bundle
                    databases.put(store, elsewhere.database());
                    migrations.put(store, elsewhere.migrations());
                    continue;
                }
                open(store, busyTimeoutMs, poolSize, maxBatch);
                if (autoMigrate) {
                    int applied = migrations.get(store).apply();
                    if (applied > 0) {
                        LOG.info("{}: applied {} migrations", store.fileName(), applied);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw new StorageException("SQLite storage in " + dataDir + " cannot be opened: " + e.getMessage(), e);
        }
        checkpointer.scheduleWithFixedDelay(this::checkpoint, 1, 1, TimeUnit.SECONDS);
        LOG.info("SQLite storage in {} ({} stores, WAL, synchronous=FULL){}", dataDir, databases.size() - separate.size(),
                separate.isEmpty() ? "" : "; " + separateLocations());
    }

    /**
     * Copies committed WAL frames into the database files on this thread, so that the writer's
     * commits never pay for a checkpoint. PASSIVE: it waits for nobody and blocks nobody.
     */
    private void checkpoint() {
        for (Map.Entry<Store, HikariDataSource> e : readPools.entrySet()) {
            try (Connection c = e.getValue().getConnection(); Statement s = c.createStatement()) {
                s.execute("PRAGMA wal_checkpoint(PASSIVE)");
            } catch (SQLException | RuntimeException ex) {
                LOG.debug("{}: checkpoint skipped: {}", e.getKey().fileName(), ex.getMessage());
            }
        }
    }

    private void open(Store store, int busyTimeoutMs, int poolSize, int maxBatch) throws IOException {
        Path file = dataDir.resolve(store.fileName());
        if (!Files.exists(file)) {
            // Password hashes and receipts live here: readable by this user only, from the first byte on.
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        HikariDataSource writer = pool(store, "write", file, busyTimeoutMs, 1, SQLiteConfig.TransactionMode.IMMEDIATE);
        HikariDataSource readers;
        try {
            readers = pool(store, "read", file, busyTimeoutMs, poolSize, SQLiteConfig.TransactionMode.DEFERRED);
        } catch (RuntimeException e) {
            writer.close();
            throw e;
        }
        Database db = opener.open(store, Dialect.SQLITE, readers, writer, 1, maxBatch, () -> {
            readers.close();
            writer.close();
        });
        databases.put(store, db);
        readPools.put(store, readers);
        migrations.put(store, opener.migrations(db, writer, SqliteBackend.class.getClassLoader(), null, "flyway_schema_history"));
    }

    static SQLiteConfig sqliteConfig(int busyTimeoutMs, SQLiteConfig.TransactionMode mode) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(busyTimeoutMs);
        config.setTransactionMode(mode);
        // Checkpoints run beside the writer (see checkpoint()); this one only bounds the WAL should they fall behind.
        config.setWalAutocheckpoint(CHECKPOINT_FALLBACK_PAGES);
        config.setCacheSize(-32_768);
        // Otherwise the driver runs SELECT last_insert_rowid() after every INSERT; no store asks for generated keys.
        config.setGetGeneratedKeys(false);
        return config;
    }

    private HikariDataSource pool(Store store, String role, Path file, int busyTimeoutMs, int size, SQLiteConfig.TransactionMode mode) {
        SQLiteDataSource sqlite = new SQLiteDataSource(sqliteConfig(busyTimeoutMs, mode));
        sqlite.setUrl("jdbc:sqlite:" + file);
        HikariConfig hikari = new HikariConfig();
        hikari.setDataSource(sqlite);
        hikari.setPoolName("aragora-sqlite-" + store.id() + "-" + role);
        hikari.setMaximumPoolSize(size);
        hikari.setMinimumIdle(1);
        hikari.setConnectionTimeout(poolTimeout.toMillis());
        hikari.setScheduledExecutor(checkpointer);
        return new HikariDataSource(hikari);
    }

    private static Path dataDir(String configured) {
        if (configured == null || configured.isBlank()) {
            return Path.of(System.getProperty("user.home"), ".aragora");
        }
        return Path.of(configured);
    }

    private String separateLocations() {
        return String.join(", ", separate.values().stream().map(s -> s.database().store().id() + " at " + s.location()).toList());
    }

    @Deactivate
    public void close() {
        checkpointer.shutdownNow();
        readPools.clear();
        // a separate store's database is its bundle's to close
        separate.keySet().forEach(databases::remove);
        for (Database db : databases.values()) {
            try {
                db.close();
            } catch (RuntimeException e) {
                LOG.warn("{}: {}", db.store().fileName(), e.getMessage());
            }
        }
        databases.clear();
    }

    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public String location() {
        return separate.isEmpty() ? dataDir.toString() : dataDir + " (" + separateLocations() + ")";
    }

    @Override
    public Database database(Store store) {
        Database db = databases.get(store);
        if (db == null) {
            throw new StorageException("SQLite storage is closed");
        }
        return db;
    }

    @Override
    public Migrations migrations(Store store) {
        return migrations.get(store);
    }

    @Override
    public List<Check> checkFiles() {
        List<Check> checks = new ArrayList<>(SqliteFiles.integrity(dataDir));
        separate.values().forEach(s -> checks.add(s.check()));
        return checks;
    }

    @Override
    public List<Path> backup(Path dir) throws IOException {
        List<Path> written = new ArrayList<>(SqliteFiles.backup(dataDir, dir));
        for (SeparateStore s : separate.values()) {
            written.addAll(s.backup(dir));
        }
        return written;
    }

    @Override
    public List<Path> orphanedFiles() throws IOException {
        return new ArrayList<>(SqliteFiles.orphans(dataDir));
    }
}
