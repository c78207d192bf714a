package ai.aragora.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import ai.aragora.launcher.spi.Command;

/**
 * {@code aragora healthcheck}: asks a running server whether it is healthy, for container health
 * checks and probes. It boots nothing (a health check runs every few seconds) and needs no shell
 * or client in the image: exit 0 on a 200, 1 on anything else with one line on stderr.
 */
final class Healthcheck {

    static final Set<String> OPTIONS = Set.of("api-port", "ready", "url");

    /** The whole probe, connect to last header: a server that cannot answer in this time is not healthy. */
    static final Duration TIMEOUT = Duration.ofSeconds(3);

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
        return probe(target, TIMEOUT, err);
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

    static int probe(URI target, Duration timeout, PrintStream err) {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .build();
        HttpRequest request = HttpRequest.newBuilder(target).timeout(timeout).GET().build();
        String problem;
        try {
            HttpResponse<String> response = client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (response.statusCode() == 200) {
                return Command.OK;
            }
            problem = "answered " + response.statusCode() + excerpt(response.body());
        } catch (TimeoutException e) {
            problem = "no answer within " + timeout.toMillis() + " ms";
        } catch (ExecutionException e) {
            problem = cause(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = "interrupted";
        }
        err.println("aragora: healthcheck: " + target + " " + problem);
        return Command.FAILED;
    }

    private static String cause(Throwable t) {
        if (t instanceof java.net.http.HttpTimeoutException) {
            return "no answer in time";
        }
        if (t instanceof java.net.ConnectException) {
            return "refused the connection (is the server running on that port?)";
        }
        if (t instanceof IOException && t.getMessage() != null) {
            return "failed: " + t.getMessage();
        }
        return "failed: " + t;
    }

    /** What the server said, on the one line a health log shows. */
    private static String excerpt(String body) {
        String line = body == null ? "" : body.replaceAll("\\s+", " ").trim();
        if (line.isEmpty()) {
            return "";
        }
        return ": " + (line.length() > 200 ? line.substring(0, 200) + "..." : line);
    }
}
