package ai.aragora.storage.postgres;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


import ai.aragora.storage.jdbc.BackendFactory;
import ai.aragora.storage.jdbc.Database;
import ai.aragora.storage.jdbc.Databases;
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
    private final Pool main;
    /** The Knowledge Mound's own database (KNOWLEDGE_MOUND_DATABASE_URL), else null: it lives in the main one. */
    private final Pool knowledge;
    private final Map<Store, Database> databases = new EnumMap<>(Store.class);
    private final Map<Store, Migrations> migrations = new EnumMap<>(Store.class);

    @Activate
    public PostgresBackend(@Reference Databases databases, StorageSettings storage, PostgresConfig config) {
        this(databases, new Pool.Target(config.url(), config.user(), config._password()),
                config.knowledge_url().isBlank() ? null
                        : new Pool.Target(config.knowledge_url(), config.knowledge_user(), config._knowledge_password()),
                config.schema(), config.pool_size(), Duration.ofSeconds(config.pool_timeout_seconds()), config.writer_threads(),
                config.max_batch(), storage.auto_migrate());
    }

    public PostgresBackend(Databases opener, String url, String user, String password, String schema, int poolSize,
            int writerThreads, int maxBatch, boolean autoMigrate) {
        this(opener, new Pool.Target(url, user, password), null, schema, poolSize, DEFAULT_POOL_TIMEOUT, writerThreads, maxBatch,
                autoMigrate);
    }

    /**
     * Every store in {@code target}'s database, the Knowledge Mound's in {@code knowledgeTarget}'s
     * when given (its pool of {@code poolSize} connections serves its reads and its one writer).
     */
    PostgresBackend(Databases opener, Pool.Target target, Pool.Target knowledgeTarget, String schema, int poolSize,
            Duration poolTimeout, int writerThreads, int maxBatch, boolean autoMigrate) {
        // Every writer may hold a connection at once (the aragora store's lanes and one per other
        // store), and reads still need one.
        this.main = new Pool(target, schema, "aragora-postgres", Math.max(poolSize, writerThreads + Store.values().length), poolTimeout);
        Pool km = null;
        try {
            km = knowledgeTarget == null ? null : new Pool(knowledgeTarget, schema, "aragora-postgres-knowledge", Math.max(poolSize, 2),
                    poolTimeout);
        } catch (RuntimeException e) {
            main.close();
            throw e;
        }
        this.knowledge = km;
        this.location = main.location + (km == null ? "" : ", Knowledge Mound at " + km.location);
        try (MigrationLock lock = autoMigrate ? MigrationLock.take(main.unpooled) : null;
                MigrationLock kmLock = autoMigrate && km != null ? MigrationLock.take(km.unpooled) : null) {
            for (Store store : Store.values()) {
                // Only the aragora store sends writes keyed by debate; the others would leave extra lanes idle.
                Pool.Opened opened = poolOf(store).open(opener, store, store == Store.ARAGORA ? writerThreads : 1, maxBatch, autoMigrate);
                databases.put(store, opened.database());
                migrations.put(store, opened.migrations());
            }
        } catch (RuntimeException e) {
            close();
            String said = main.safe(e);
            throw new StorageException("PostgreSQL storage at " + location + " cannot be opened: " + (km == null ? said : km.scrub(said)));
        }
        LOG.info("PostgreSQL storage at {}", location);
    }

    private Pool poolOf(Store store) {
        return store == Store.KNOWLEDGE_MOUND && knowledge != null ? knowledge : main;
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
        main.close();
        if (knowledge != null) {
            knowledge.close();
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
        List<Check> checks = new ArrayList<>();
        checks.add(main.check(database(Store.ARAGORA)));
        if (knowledge != null) {
            checks.add(knowledge.check(database(Store.KNOWLEDGE_MOUND)));
        }
        return checks;
    }

    /**
     * {@code pg_dump} in its custom format (restore with {@code pg_restore}), when the PostgreSQL
     * client is installed; the password goes to it in the environment, never on its command line.
     * The Knowledge Mound's own database, when it has one, goes to {@code knowledge_mound.dump}.
     */
    @Override
    public List<Path> backup(Path dir) throws IOException {
        List<Path> dumps = new ArrayList<>();
        dumps.add(main.dump(dir.resolve("aragora.dump")));
        if (knowledge != null) {
            dumps.add(knowledge.dump(dir.resolve("knowledge_mound.dump")));
        }
        return dumps;
    }

    @Override
    public List<Path> orphanedFiles() {
        return List.of();
    }
}
