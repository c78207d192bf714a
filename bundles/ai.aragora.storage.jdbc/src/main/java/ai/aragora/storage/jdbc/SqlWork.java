package ai.aragora.storage.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work on a connection inside a transaction the caller owns: never commit or roll back here. It may
 * run again after a rollback, so it touches nothing but the connection.
 */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}
