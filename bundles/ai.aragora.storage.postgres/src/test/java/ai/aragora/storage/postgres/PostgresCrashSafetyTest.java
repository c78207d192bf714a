package ai.aragora.storage.postgres;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import ai.aragora.storage.jdbc.CrashSafetyContract;
import ai.aragora.storage.jdbc.StorageBackend;
import ai.aragora.storage.jdbc.sql.JdbcDatabases;

/** kill -9 of a client process against a real PostgreSQL: only committed groups were acknowledged. */
class PostgresCrashSafetyTest extends CrashSafetyContract {

    private String url;

    @BeforeEach
    void createDatabase() throws Exception {
        url = TestPostgres.createDatabase();
    }

    @AfterEach
    void dropDatabase() throws Exception {
        TestPostgres.dropDatabase(url);
    }

    @Override
    protected Class<?> writerMain() {
        return PostgresCrashWriter.class;
    }

    @Override
    protected List<String> writerArguments() {
        return List.of(url);
    }

    @Override
    protected StorageBackend open() {
        return new PostgresBackend(new JdbcDatabases(), url, TestPostgres.user(), "", "aragora", 10, 4, 256, true);
    }

    @Override
    protected void close(StorageBackend backend) {
        ((PostgresBackend) backend).close();
    }
}
