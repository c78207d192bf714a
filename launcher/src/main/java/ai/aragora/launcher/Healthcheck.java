package ai.aragora.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

import ai.aragora.launcher.spi.Command;
import ai.aragora.launcher.spi.UsageException;

/**
 * {@code aragora healthcheck}: asks a running server whether it is healthy, for container health
 * checks and probes. It boots nothing (a health check runs every few seconds) and needs no shell
 * or client in the image: exit 0 on a 200, 1 on anything else with one line on stderr. With
 * {@code --wait SECONDS} it asks again until the answer is a 200 or the time is up, for scripts
 * that start a server and go on once it is ready.
 */
final class Healthcheck {

    /** For the connection and again for the answer: a server that cannot answer in this time is not healthy. */
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    /** Between two questions while waiting: readiness is seen within this, at ~1 ms of CPU a question. */
    private static final Duration POLL = Duration.ofMillis(100);
    private static final int EXCERPT = 200;

    private Healthcheck() {
    }

    static int run(Map<String, String> options, PrintStream err) {
        URI target;
        try {
            target = target(options);
        } catch (UsageException e) {
            err.println("aragora: " + e.getMessage());
            return Command.USAGE;
        }
        // parsed and bounded by Invocation
        Duration wait = Duration.ofSeconds(Long.parseLong(options.getOrDefault(Invocation.WAIT, "0")));
        try {
            return await(target, wait, () -> true, err);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Command.FAILED;
        }
    }

    /**
     * Asks until the answer is a 200, the time is up or {@code worthWaiting} turns false (the
     * server being waited for has exited, say); only the last problem is reported.
     */
    static int await(URI target, Duration within, BooleanSupplier worthWaiting, PrintStream err) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            String problem = problem(target);
            if (problem == null) {
                return Command.OK;
            }
            if (System.nanoTime() - deadline >= 0 || !worthWaiting.getAsBoolean()) {
                err.println("aragora: healthcheck: " + target + " " + problem);
                return Command.FAILED;
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** {@code --url}, else {@code /healthz} ({@code /readyz} with {@code --ready}) on the loopback at {@code --api-port}. */
    static URI target(Map<String, String> options) throws UsageException {
        String url = options.get("url");
        if (url != null) {
            if (options.containsKey("api-port") || options.containsKey("ready")) {
                throw new UsageException("healthcheck: --url names the whole endpoint; leave out --api-port and --ready");
            }
            try {
                URI uri = new URI(url);
                if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                        || uri.getRawUserInfo() != null) {
                    throw new URISyntaxException(url, "not an http(s) URL");
                }
                return uri;
            } catch (URISyntaxException e) {
                // Not quoted back: a URL with credentials in it must not end up in a health log.
                throw new UsageException("healthcheck: --url must be an http(s) URL without credentials,"
                        + " such as http://127.0.0.1:8080/readyz");
            }
        }
        int port = Settings.port("--api-port", options.getOrDefault("api-port", "8080"));
        String path = options.containsKey("ready") ? "/readyz" : "/healthz";
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Null for a 200, else what went wrong, on one line. */
    private static String problem(URI target) {
        String problem;
        HttpURLConnection connection = null;
        try {
            // Not java.net.http: its client sets up TLS on creation, which costs a check five times the CPU.
            connection = (HttpURLConnection) target.toURL().openConnection();
            connection.setConnectTimeout((int) TIMEOUT.toMillis());
            connection.setReadTimeout((int) TIMEOUT.toMillis());
            connection.setInstanceFollowRedirects(false);
            int status = connection.getResponseCode();
            if (status == 200) {
                return null;
            }
            problem = "answered " + status + excerpt(connection.getErrorStream());
        } catch (SocketTimeoutException e) {
            problem = "no answer within " + TIMEOUT.toMillis() + " ms";
        } catch (ConnectException e) {
            problem = "refused the connection (is the server running on that port?)";
        } catch (IOException e) {
            problem = "failed: " + e;
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
        return problem;
    }

    /** What the server said, on the one line a health log shows. */
    private static String excerpt(InputStream body) throws IOException {
        if (body == null) {
            return "";
        }
        String line;
        try (body) {
            line = new String(body.readNBytes(EXCERPT), StandardCharsets.UTF_8).replaceAll("\\s+", " ").trim();
        }
        return line.isEmpty() ? "" : ": " + line;
    }
}
