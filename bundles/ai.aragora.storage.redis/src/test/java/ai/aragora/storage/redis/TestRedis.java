package ai.aragora.storage.redis;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real Redis for the tests: the server on 127.0.0.1:6379 when one runs, otherwise Debian's
 * {@code redis-server} started on a free loopback port for this JVM. Each test gets a key and
 * channel prefix of its own. {@link Server} is a server a test owns, to stop and start again.
 */
final class TestRedis {

    private static int sharedPort = -1;

    private TestRedis() {
    }

    static synchronized int sharedPort() throws IOException, InterruptedException {
        if (sharedPort < 0) {
            if (listening(6379)) {
                sharedPort = 6379;
            } else {
                Server server = Server.start();
                Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
                sharedPort = server.port();
            }
        }
        return sharedPort;
    }

    static String prefix() {
        return "aragora:test-" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT) + ":";
    }

    static RedisConfig config(int port, String prefix) {
        return config(port, prefix, "");
    }

    static RedisConfig config(int port, String prefix, String password) {
        return new RedisConfig() {
            @Override public Class<? extends Annotation> annotationType() { return RedisConfig.class; }
            @Override public String host() { return "127.0.0.1"; }
            @Override public int port() { return port; }
            @Override public boolean tls() { return false; }
            @Override public String user() { return ""; }
            @Override public String _password() { return password; }
            @Override public int database() { return 0; }
            @Override public String key_prefix() { return prefix; }
            @Override public int timeout_ms() { return 500; }
            @Override public int backoff_max_ms() { return 1000; }
            @Override public int publish_queue() { return 1000; }
        };
    }

    static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** A redis-server of the test's own on a loopback port, without persistence. */
    static final class Server {

        private final int port;
        private final String[] extra;
        private Process process;

        private Server(int port, String... extra) {
            this.port = port;
            this.extra = extra;
        }

        static Server start(String... extra) throws IOException, InterruptedException {
            Server server = new Server(freePort(), extra);
            server.restart();
            return server;
        }

        int port() {
            return port;
        }

        synchronized void restart() throws IOException, InterruptedException {
            Path dir = Files.createTempDirectory("redis-test");
            java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("redis-server", "--port", String.valueOf(port),
                    "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString()));
            command.addAll(java.util.List.of(extra));
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!listening(port)) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IOException("redis-server did not start on port " + port + ": " + Files.readString(dir.resolve("redis.log")));
                }
                Thread.sleep(50);
            }
        }

        /** SIGSTOP or SIGCONT: a server that stops answering without closing anything. */
        synchronized void signal(String signal) throws IOException, InterruptedException {
            new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).inheritIO().start().waitFor();
        }

        synchronized void stop() {
            if (process != null) {
                process.destroy();
                try {
                    process.waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                process = null;
            }
        }
    }
}
