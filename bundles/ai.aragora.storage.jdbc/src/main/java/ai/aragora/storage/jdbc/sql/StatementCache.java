package ai.aragora.storage.jdbc.sql;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * A connection borrowed for one group commit, keeping the statements prepared on it: each SQL
 * text is compiled once per batch instead of once per write (on SQLite, compiling was a tenth of
 * the writer's time). Closing a statement it handed out only clears its parameters for the next
 * use, and closing the connection it hands out does nothing: the writer closes both, and gives
 * the connection back, when the batch is done. One thread at a time.
 */
final class StatementCache implements AutoCloseable {

    /** More distinct statements than the stores write means something builds SQL per call: start over. */
    static final int LIMIT = 256;

    private record Kept(PreparedStatement real, PreparedStatement shared) {
    }

    private final Connection connection;
    private final Connection view;
    private final Map<String, Kept> statements = new HashMap<>();

    StatementCache(Connection connection) {
        this.connection = connection;
        this.view = (Connection) Proxy.newProxyInstance(StatementCache.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("prepareStatement") && args != null && args.length == 1) {
                        return prepared((String) args[0]);
                    }
                    if (method.getName().equals("close") && args == null) {
                        return null;
                    }
                    return call(method, connection, args);
                });
    }

    /** The connection to hand to writes. */
    Connection connection() {
        return view;
    }

    int size() {
        return statements.size();
    }

    private PreparedStatement prepared(String sql) throws SQLException {
        Kept kept = statements.get(sql);
        if (kept == null) {
            if (statements.size() >= LIMIT) {
                closeStatements();
            }
            PreparedStatement real = connection.prepareStatement(sql);
            PreparedStatement shared = (PreparedStatement) Proxy.newProxyInstance(StatementCache.class.getClassLoader(),
                    new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
                        if (method.getName().equals("close") && args == null) {
                            // A failed executeBatch may leave its rows queued on some drivers.
                            real.clearBatch();
                            real.clearParameters();
                            return null;
                        }
                        return call(method, real, args);
                    });
            kept = new Kept(real, shared);
            statements.put(sql, kept);
        }
        return kept.shared();
    }

    private static Object call(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private void closeStatements() {
        for (Kept kept : statements.values()) {
            try {
                kept.real().close();
            } catch (SQLException ignored) {
                // the connection is going or gone; its statements with it
            }
        }
        statements.clear();
    }

    /** Closes the statements and gives the connection back to its pool. */
    @Override
    public void close() {
        closeStatements();
        try {
            connection.close();
        } catch (SQLException ignored) {
            // a broken connection: the pool discards it
        }
    }
}
