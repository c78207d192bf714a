package ai.aragora.storage.jdbc;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Opens a backend on a database named at run time rather than by configuration: the target of
 * {@code aragora migrate copy}. Registered by a backend bundle with the {@link StorageBackend#NAME}
 * property; what it opens is nobody's store until the caller says so, and is closed by the caller.
 */
@ConsumerType
public interface BackendFactory {

    /** A backend opened by a factory: its schema is not migrated on open. */
    interface Opened extends StorageBackend, AutoCloseable {

        /** Lets queued writes finish, then releases the connections. */
        @Override
        void close();
    }

    /**
     * @param jdbcUrl without credentials
     * @throws StorageException naming the location (never the password) when it cannot be opened
     */
    Opened open(String jdbcUrl, String user, String password);
}
