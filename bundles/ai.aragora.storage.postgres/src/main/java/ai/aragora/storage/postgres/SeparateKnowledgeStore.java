package ai.aragora.storage.postgres;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.aragora.storage.jdbc.Database;
import ai.aragora.storage.jdbc.Databases;
import ai.aragora.storage.jdbc.Migrations;
import ai.aragora.storage.jdbc.SeparateStore;
import ai.aragora.storage.jdbc.StorageBackend;
import ai.aragora.storage.jdbc.StorageException;
import ai.aragora.storage.jdbc.Store;

/**
 * The Knowledge Mound's store in a PostgreSQL database of its own while the selected backend is
 * SQLite: opened, and migrated under the same advisory lock as {@link PostgresBackend}'s, when
 * configured; the SQLite backend serves it as its knowledge_mound store.
 */
@Component(service = SeparateStore.class, property = SeparateStore.STORE + "=knowledge_mound",
        configurationPid = {StorageSettings.PID, SeparateKnowledgeConfig.PID}, configurationPolicy = ConfigurationPolicy.REQUIRE)
public class SeparateKnowledgeStore implements SeparateStore {

    private static final Logger LOG = LoggerFactory.getLogger(SeparateKnowledgeStore.class);

    private final Pool pool;
    private final Database database;
    private final Migrations migrations;

    @Activate
    public SeparateKnowledgeStore(@Reference Databases opener, StorageSettings storage, SeparateKnowledgeConfig config) {
        this(opener, new Pool.Target(config.url(), config.user(), config._password()), config.schema(), config.pool_size(),
                Duration.ofSeconds(config.pool_timeout_seconds()), config.max_batch(), storage.auto_migrate());
    }

    SeparateKnowledgeStore(Databases opener, Pool.Target target, String schema, int poolSize, Duration poolTimeout, int maxBatch,
            boolean autoMigrate) {
        this.pool = new Pool(target, schema, "aragora-postgres-knowledge", Math.max(poolSize, 2), poolTimeout);
        try (MigrationLock lock = autoMigrate ? MigrationLock.take(pool.unpooled) : null) {
            Pool.Opened opened = pool.open(opener, Store.KNOWLEDGE_MOUND, 1, maxBatch, autoMigrate);
            this.database = opened.database();
            this.migrations = opened.migrations();
        } catch (RuntimeException e) {
            pool.close();
            throw new StorageException("the Knowledge Mound's PostgreSQL database at " + pool.location + " cannot be opened: "
                    + pool.safe(e));
        }
        LOG.info("Knowledge Mound on PostgreSQL at {}", pool.location);
    }

    @Deactivate
    void close() {
        try {
            database.close();
        } finally {
            pool.close();
        }
    }

    @Override
    public Database database() {
        return database;
    }

    @Override
    public Migrations migrations() {
        return migrations;
    }

    @Override
    public String location() {
        return pool.location;
    }

    @Override
    public StorageBackend.Check check() {
        return pool.check(database);
    }

    @Override
    public List<Path> backup(Path dir) throws IOException {
        return List.of(pool.dump(dir.resolve("knowledge_mound.dump")));
    }
}
