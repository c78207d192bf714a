package ai.aragora.storage.postgres;

import ai.aragora.storage.jdbc.KnowledgeSearchBenchmark;
import ai.aragora.storage.jdbc.StorageBenchmark;
import ai.aragora.storage.jdbc.sql.JdbcDatabases;

/**
 * {@code ./mvnw -q -pl bundles/ai.aragora.storage.postgres -am verify -Pbenchmark -DskipTests}; with
 * {@code -Dbenchmark.part=knowledge} only the knowledge store's search at 100,000 nodes.
 */
public final class PostgresBenchmark {

    private PostgresBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("knowledge")) {
            knowledge(100_000);
            return;
        }
        run("postgres, writes only", 0);
        run("postgres, writes and reads", 4);
        ReceiptChainBenchmark.run(2000, System.out);
    }

    private static void knowledge(int nodes) throws Exception {
        String url = TestPostgres.createDatabase();
        PostgresBackend backend = new PostgresBackend(new JdbcDatabases(), url, TestPostgres.user(), "", "aragora", 10, 4, 256, true);
        try {
            KnowledgeSearchBenchmark.run("postgres", backend, nodes, System.out);
        } finally {
            backend.close();
            TestPostgres.dropDatabase(url);
        }
    }

    private static void run(String label, int readers) throws Exception {
        String url = TestPostgres.createDatabase();
        PostgresBackend backend = new PostgresBackend(new JdbcDatabases(), url, TestPostgres.user(), "", "aragora", 10, 4, 256, true);
        try {
            StorageBenchmark.run(label, backend, 200, 100, readers, System.out);
        } finally {
            backend.close();
            TestPostgres.dropDatabase(url);
        }
    }
}
