package ai.aragora.storage.sqlite;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import ai.aragora.api.storage.IntegrationRecord;
import ai.aragora.storage.jdbc.Store;
import ai.aragora.storage.jdbc.TestFieldEncryption;
import ai.aragora.storage.jdbc.ops.EncryptExistingCommand;
import ai.aragora.storage.jdbc.sql.JdbcDatabases;
import ai.aragora.storage.jdbc.store.JdbcIntegrationStore;

/**
 * {@code aragora encrypt-existing --integration-store --execute} over 100,000 integrations with
 * two plaintext credentials each, on SQLite: seconds for the whole run. See the pom's benchmark profile.
 */
public final class EncryptExistingBenchmark {

    private static final int RECORDS = 100_000;

    private EncryptExistingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("aragora-bench-encrypt");
        SqliteBackend backend = new SqliteBackend(new JdbcDatabases(), dir, 10_000, 8, 512, true);
        try {
            JdbcIntegrationStore store = JdbcIntegrationStore.on(backend.database(Store.INTEGRATIONS));
            List<CompletionStage<Boolean>> writes = new ArrayList<>();
            for (int i = 0; i < RECORDS; i++) {
                writes.add(store.create(new IntegrationRecord(String.format("org%06d", i), "slack", "slack", "Slack", true,
                        Map.of("channel", "#ops"), Map.of("bot_token", "xoxb-" + i, "signing_secret", "s-" + i),
                        Instant.EPOCH, Instant.EPOCH)));
            }
            writes.forEach(w -> w.toCompletableFuture().join());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long cpuStart = os.getProcessCpuTime();
            long start = System.nanoTime();
            int status = EncryptExistingCommand.with(new TestFieldEncryption("k1"), List.of(store), null)
                    .run(List.of("--integration-store", "--execute"), new PrintStream(out, true, StandardCharsets.UTF_8),
                            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpu = (os.getProcessCpuTime() - cpuStart) / 1e9;
            System.out.print(out.toString(StandardCharsets.UTF_8));
            // CPU seconds (every thread, GC included) say what the run costs when other work holds the cores
            System.out.printf("encrypt-existing, sqlite, %d integrations (%d fields): %.1f s wall, %.1f CPU s, exit %d%n", RECORDS,
                    2 * RECORDS, seconds, cpu, status);
        } finally {
            backend.close();
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
