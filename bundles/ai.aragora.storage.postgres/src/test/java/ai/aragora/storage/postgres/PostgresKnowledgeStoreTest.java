package ai.aragora.storage.postgres;

import ai.aragora.storage.jdbc.KnowledgeStoreContract;
import ai.aragora.storage.jdbc.StorageBackend;
import ai.aragora.storage.jdbc.Store;
import ai.aragora.storage.jdbc.statement.Sql;
import ai.aragora.storage.jdbc.sql.JdbcDatabases;

/** The knowledge store on PostgreSQL: a generated tsvector with a GIN index. */
class PostgresKnowledgeStoreTest extends KnowledgeStoreContract {

    @Override
    protected StorageBackend open() throws Exception {
        return new PostgresBackend(new JdbcDatabases(), TestPostgres.createDatabase(), TestPostgres.user(), "", "aragora", 10, 4, 256, true);
    }

    @Override
    protected void analyze() {
        backend.database(Store.KNOWLEDGE_MOUND).writeAndWait(c -> Sql.update(c, "ANALYZE km_nodes"));
    }

    @Override
    protected void close(StorageBackend backend) {
        ((PostgresBackend) backend).close();
    }
}
