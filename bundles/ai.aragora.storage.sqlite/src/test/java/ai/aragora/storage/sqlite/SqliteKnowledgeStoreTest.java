package ai.aragora.storage.sqlite;

import ai.aragora.storage.jdbc.KnowledgeStoreContract;
import ai.aragora.storage.jdbc.StorageBackend;
import ai.aragora.storage.jdbc.sql.JdbcDatabases;

/** The knowledge store on SQLite: FTS5 with the porter stemmer. */
class SqliteKnowledgeStoreTest extends KnowledgeStoreContract {

    @Override
    protected StorageBackend open() {
        return new SqliteBackend(new JdbcDatabases(), temp.resolve("data"), 10_000, 4, 512, true);
    }

    @Override
    protected void close(StorageBackend backend) {
        ((SqliteBackend) backend).close();
    }
}
