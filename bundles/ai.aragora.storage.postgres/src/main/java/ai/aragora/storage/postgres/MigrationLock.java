package ai.aragora.storage.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import ai.aragora.storage.jdbc.StorageException;

/**
 * One instance at a time migrates a database: instances (workers, replicas) that start together
 * on an empty database would otherwise each create the stores' history tables and all but one
 * fail. A session advisory lock on a connection of its own, outside the pool, so it holds across
 * the stores' migrations and closing the session (or the process dying) always releases it.
 */
final class MigrationLock implements AutoCloseable {

    /** Arbitrary, fixed: the lock every Aragora instance on this database takes to migrate. */
    static final long KEY = 0x4172_6167_6f72_6131L;

    private final Connection connection;

    private MigrationLock(Connection connection) {
        this.connection = connection;
    }

    static MigrationLock take(DataSource unpooled) {
        Connection c = null;
        try {
            c = unpooled.getConnection();
            try (Statement st = c.createStatement()) {
                st.execute("SELECT pg_advisory_lock(" + KEY + ")");
            }
            return new MigrationLock(c);
        } catch (SQLException e) {
            closeQuietly(c);
            throw new StorageException("could not take the migration lock: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        try (Statement st = connection.createStatement()) {
            st.execute("SELECT pg_advisory_unlock(" + KEY + ")");
        } catch (SQLException e) {
            // closing the session below releases it
        } finally {
            closeQuietly(connection);
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // the session is gone either way
            }
        }
    }
}
