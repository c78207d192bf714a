package ai.aragora.itest.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL database of its own for one test class: on the server listening on
 * 127.0.0.1:5432 when there is one, otherwise on an embedded server started for this JVM.
 * Runs on the test side only, never inside the framework.
 */
public final class TestDatabase {

    private static int port = -1;
    private static EmbeddedPostgres embedded;

    private TestDatabase() {
    }

    /** Creates a fresh database and returns its {@code postgresql://} URL, as DATABASE_URL takes it. */
    public static synchronized String create() throws IOException, SQLException {
        if (port < 0) {
            if (listening(5432)) {
                port = 5432;
            } else {
                embedded = EmbeddedPostgres.builder().start();
                port = embedded.getPort();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        embedded.close();
                    } catch (IOException ignored) {
                        // the JVM is going away
                    }
                }));
            }
        }
        String name = "aragora_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        execute("CREATE DATABASE " + name);
        // Dropped when the test JVM ends, after every framework using it has stopped.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (SQLException ignored) {
                // a test database left behind is harmless
            }
        }));
        return "postgresql://postgres@127.0.0.1:" + port + "/" + name;
    }

    /**
     * The first column of the first row of a query (a count), -1 without a row, in a database
     * {@link #create} made: its {@code postgresql://} URL or the {@code jdbc:} one the launcher configures from it.
     */
    public static long count(String databaseUrl, String sql) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", "postgres");
        String jdbc = databaseUrl.startsWith("jdbc:") ? databaseUrl : databaseUrl.replace("postgresql://postgres@", "jdbc:postgresql://");
        try (Connection c = new org.postgresql.Driver().connect(jdbc, props);
                Statement st = c.createStatement(); java.sql.ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }

    private static void execute(String sql) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", "postgres");
        try (Connection c = new org.postgresql.Driver().connect("jdbc:postgresql://127.0.0.1:" + port + "/postgres", props);
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static boolean listening(int p) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", p), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
