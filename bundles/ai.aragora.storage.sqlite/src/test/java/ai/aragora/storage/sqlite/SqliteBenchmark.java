package ai.aragora.storage.sqlite;

import java.nio.file.Files;
import java.nio.file.Path;

import ai.aragora.storage.jdbc.StorageBenchmark;
import ai.aragora.storage.jdbc.sql.JdbcDatabases;

/** {@code ./mvnw -q -pl bundles/ai.aragora.storage.sqlite -am verify -Pbenchmark -DskipTests} */
public final class SqliteBenchmark {

    private SqliteBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        run("sqlite, writes only", 0);
        run("sqlite, writes and reads", 4);
    }

    private static void run(String label, int readers) throws Exception {
        Path dir = Files.createTempDirectory("aragora-bench-sqlite");
        SqliteBackend backend = new SqliteBackend(new JdbcDatabases(), dir, 10_000, 8, 512, true);
        try {
            StorageBenchmark.run(label, backend, 200, 100, readers, System.out);
        } finally {
            backend.close();
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
