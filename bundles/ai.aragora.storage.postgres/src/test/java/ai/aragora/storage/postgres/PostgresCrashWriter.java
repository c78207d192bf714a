package ai.aragora.storage.postgres;

import ai.aragora.storage.jdbc.CrashWriter;
import ai.aragora.storage.jdbc.sql.JdbcDatabases;

/** The child JVM of {@link PostgresCrashSafetyTest}: {@code <jdbc url> <run>}. */
public final class PostgresCrashWriter {

    private PostgresCrashWriter() {
    }

    public static void main(String[] args) throws Exception {
        CrashWriter.writeUntilKilled(new PostgresBackend(new JdbcDatabases(), args[0], TestPostgres.user(), "", "aragora", 10, 4, 256, true), args[1]);
    }
}
