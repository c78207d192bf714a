package ai.aragora.storage.jdbc;

import javax.sql.DataSource;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What a backend bundle opens its databases with: a service of this bundle, so that how writes
 * are grouped into commits and how schema history is kept stay here, written once for every
 * backend.
 */
@ProviderType
public interface Databases {

    /**
     * A store's database: reads on {@code readers}; writes grouped into shared commits of at most
     * {@code maxBatch} by {@code writerThreads} threads on {@code writers} (writes of one key stay
     * in order on one thread).
     *
     * @param resources what the backend opened for this database (pools), closed after the writer drained
     */
    Database open(Store store, Dialect dialect, DataSource readers, DataSource writers, int writerThreads, int maxBatch,
            AutoCloseable resources);

    /**
     * The schema history of {@code database}, with Flyway: migrations are the resources under
     * {@link Store#migrationLocation()} that {@code resources} (the backend bundle's class loader)
     * finds, undo scripts those under {@link Store#undoLocation()}; missing migrations are an error.
     *
     * @param connections where migrations run
     * @param schema the schema to keep the tables in, or null for the connection's (SQLite)
     * @param historyTable the schema history table of this store
     */
    Migrations migrations(Database database, DataSource connections, ClassLoader resources, String schema, String historyTable);
}
