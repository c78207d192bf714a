package ai.aragora.storage.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.aragora.storage.jdbc.sql.JdbcDatabases;

/** Two pools a store would otherwise mean two housekeeping threads a store, idle nearly always. */
class SqliteBackendThreadsTest {

    @TempDir
    Path dir;

    @Test
    void everyPoolIsKeptByTheBackendsOneSchedulerThread() {
        SqliteBackend backend = new SqliteBackend(new JdbcDatabases(), dir, 10_000, 4, 512, true);
        try {
            // HikariCP names a pool's own housekeeper "<pool> housekeeper"; its connection adders come and go
            assertThat(threadsNamed("aragora-sqlite-")).contains("aragora-sqlite-checkpoint")
                    .noneMatch(name -> name.endsWith("housekeeper"));
        } finally {
            backend.close();
        }
    }

    private static List<String> threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).filter(n -> n.startsWith(prefix)).sorted()
                .toList();
    }
}
