package ai.aragora.storage.sqlite;

import java.util.List;

import ai.aragora.storage.jdbc.CrashSafetyContract;
import ai.aragora.storage.jdbc.StorageBackend;
import ai.aragora.storage.jdbc.sql.JdbcDatabases;

/** kill -9 against SQLite files: WAL with synchronous=FULL keeps every acknowledged commit. */
class SqliteCrashSafetyTest extends CrashSafetyContract {

    @Override
    protected Class<?> writerMain() {
        return SqliteCrashWriter.class;
    }

    @Override
    protected List<String> writerArguments() {
        return List.of(dir.toString());
    }

    @Override
    protected StorageBackend open() {
        return new SqliteBackend(new JdbcDatabases(), dir, 10_000, 4, 512, true);
    }

    @Override
    protected void close(StorageBackend backend) {
        ((SqliteBackend) backend).close();
    }
}
