package ai.aragora.itest.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server of the test's own (Debian's) on a free loopback port, without persistence, that
 * the test can stop and start again on the same port. Runs on the test side only.
 */
public final class TestRedis implements AutoCloseable {

    private final int port;
    private final Path dir;
    private Process process;

    private TestRedis(int port, Path dir) {
        this.port = port;
        this.dir = dir;
    }

    public static TestRedis start() throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        TestRedis redis = new TestRedis(port, Files.createTempDirectory("aragora-it-redis"));
        redis.restart();
        return redis;
    }

    /** {@code redis://} URL as ARAGORA_REDIS_URL takes it. */
    public String url() {
        return "redis://127.0.0.1:" + port + "/0";
    }

    public synchronized void restart() throws IOException, InterruptedException {
        process = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no", "--dir", dir.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!listening()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("redis-server did not start on port " + port + ": " + Files.readString(dir.resolve("redis.log")));
            }
            Thread.sleep(50);
        }
    }

    public synchronized void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
            process = null;
        }
    }

    private boolean listening() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
