package ai.aragora.storage.postgres;

import ai.aragora.storage.jdbc.StorageBenchmark;

/** {@code ./mvnw -q -pl bundles/ai.aragora.storage.postgres -am verify -Pbenchmark -DskipTests} */
public final class PostgresBenchmark {

    private PostgresBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        run("postgres, writes only", 0);
        run("postgres, writes and reads", 4);
    }

    private static void run(String label, int readers) throws Exception {
        String url = TestPostgres.createDatabase();
        PostgresBackend backend = new PostgresBackend(url, TestPostgres.user(), "", "aragora", 10, 4, 256, true);
        try {
            StorageBenchmark.run(label, backend, 200, 100, readers, System.out);
        } finally {
            backend.close();
            TestPostgres.dropDatabase(url);
        }
    }
}
