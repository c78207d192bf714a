package ai.aragora.storage.sqlite;

import java.nio.file.Path;

import ai.aragora.storage.jdbc.CrashWriter;
import ai.aragora.storage.jdbc.sql.JdbcDatabases;

/** The child JVM of {@link SqliteCrashSafetyTest}: {@code <data dir> <run>}. */
public final class SqliteCrashWriter {

    private SqliteCrashWriter() {
    }

    public static void main(String[] args) throws Exception {
        CrashWriter.writeUntilKilled(new SqliteBackend(new JdbcDatabases(), Path.of(args[0]), 10_000, 4, 512, true), args[1]);
    }
}
