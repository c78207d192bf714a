package ai.aragora.storage.postgres;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL for the tests: the server on 127.0.0.1:5432 when one runs, otherwise an
 * embedded one started for this JVM. Each test gets a database of its own, dropped afterwards.
 */
final class TestPostgres {

    private static String base;
    private static EmbeddedPostgres embedded;

    private TestPostgres() {
    }

    /** {@code jdbc:postgresql://host:port/} of the server in use. */
    static synchronized String server() throws IOException {
        if (base == null) {
            if (listening("127.0.0.1", 5432)) {
                base = "jdbc:postgresql://127.0.0.1:5432/";
            } else {
                embedded = EmbeddedPostgres.builder().start();
                base = "jdbc:postgresql://127.0.0.1:" + embedded.getPort() + "/";
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        embedded.close();
                    } catch (IOException ignored) {
                        // the JVM is going away
                    }
                }));
            }
        }
        return base;
    }

    static String user() {
        return "postgres";
    }

    static String createDatabase() throws IOException, SQLException {
        String name = "aragora_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(server() + "postgres", user(), ""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return server() + name;
    }

    static void dropDatabase(String url) throws IOException, SQLException {
        String name = url.substring(url.lastIndexOf('/') + 1);
        try (Connection c = DriverManager.getConnection(server() + "postgres", user(), ""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    private static boolean listening(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
