package ai.aragora.storage.jdbc.sql;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Component;

import ai.aragora.storage.jdbc.Database;
import ai.aragora.storage.jdbc.Databases;
import ai.aragora.storage.jdbc.Dialect;
import ai.aragora.storage.jdbc.Migrations;
import ai.aragora.storage.jdbc.Store;

/** Databases on pools with group commit, schema history with Flyway. */
@Component
public class JdbcDatabases implements Databases {

    @Override
    public Database open(Store store, Dialect dialect, DataSource readers, DataSource writers, int writerThreads, int maxBatch,
            AutoCloseable resources) {
        return new PooledDatabase(store, dialect, readers, new GroupCommitWriter(store.id(), writers, writerThreads, maxBatch),
                resources);
    }

    @Override
    public Migrations migrations(Database database, DataSource connections, ClassLoader resources, String schema,
            String historyTable) {
        return new FlywayMigrations(database.store(), connections, database, resources, schema, historyTable);
    }
}
