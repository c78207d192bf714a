package ai.aragora.storage.postgres;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import ai.aragora.storage.jdbc.BackendFactory;
import ai.aragora.storage.jdbc.Databases;
import ai.aragora.storage.jdbc.StorageBackend;

/** Opens a PostgreSQL database named at run time (the target of a copy), schema {@code public}, not migrated. */
@Component(property = StorageBackend.NAME + "=postgres")
public class PostgresBackendFactory implements BackendFactory {

    private static final int POOL = 4;
    private static final int WRITER_THREADS = 2;
    private static final int MAX_BATCH = 64;

    private final Databases databases;

    @Activate
    public PostgresBackendFactory(@Reference Databases databases) {
        this.databases = databases;
    }

    @Override
    public Opened open(String jdbcUrl, String user, String password) {
        return new PostgresBackend(databases, jdbcUrl, user, password, "public", POOL, WRITER_THREADS, MAX_BATCH, false);
    }
}
