package ai.aragora.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import ai.aragora.launcher.spi.UsageException;

class HealthcheckTest {

    @TempDir
    Path home;

    private HttpServer server;
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/healthz", exchange -> answer(exchange, 200, "{\"status\":\"ok\"}"));
        server.createContext("/readyz", exchange -> answer(exchange, 503,
                "{\"status\":\"starting\",\n \"missing\":[\"engine\"]}"));
        server.createContext("/slow", exchange -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(exchange, 200, "late");
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    private void answer(HttpExchange exchange, int status, String body) throws IOException {
        paths.add(exchange.getRequestURI().getPath());
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private int port() {
        return server.getAddress().getPort();
    }

    private String errText() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private int main(String... args) {
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return new Main(Map.of(), out, errStream, home).run(args);
    }

    @Test
    void aHealthyServerExitsZeroSilently() {
        assertThat(main("healthcheck", "--api-port", String.valueOf(port()))).isZero();
        assertThat(paths).containsExactly("/healthz");
        assertThat(errText()).isEmpty();
    }

    @Test
    void readyProbesReadinessAndReportsTheAnswerOnOneLine() {
        assertThat(main("healthcheck", "--ready", "--api-port", String.valueOf(port()))).isEqualTo(1);
        assertThat(paths).containsExactly("/readyz");
        assertThat(errText().lines()).singleElement().asString()
                .startsWith("aragora: healthcheck: http://127.0.0.1:" + port() + "/readyz answered 503")
                .contains("\"missing\":[\"engine\"]");
    }

    @Test
    void aUrlNamesAnyEndpoint() {
        assertThat(main("healthcheck", "--url", "http://127.0.0.1:" + port() + "/healthz")).isZero();
        assertThat(main("healthcheck", "--url", "http://127.0.0.1:" + port() + "/nowhere")).isEqualTo(1);
        assertThat(errText()).contains("answered 404");
    }

    @Test
    void nobodyListeningIsUnhealthyWithTheReason() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        assertThat(main("healthcheck", "--api-port", String.valueOf(closed))).isEqualTo(1);
        assertThat(errText().lines()).singleElement().asString().contains(":" + closed + "/healthz", "refused");
    }

    @Test
    void aServerThatDoesNotAnswerInTimeIsUnhealthy() throws InterruptedException {
        URI slow = URI.create("http://127.0.0.1:" + port() + "/slow");
        assertThat(Healthcheck.await(slow, Duration.ZERO, () -> true, errStream)).isEqualTo(1);
        assertThat(errText().lines()).singleElement().asString().contains("/slow", "no answer");
    }

    @Test
    void waitAsksAgainUntilTheServerIsReady() {
        server.removeContext("/readyz");
        AtomicInteger asked = new AtomicInteger();
        server.createContext("/readyz", exchange -> answer(exchange, asked.incrementAndGet() < 4 ? 503 : 200, "{}"));
        assertThat(main("healthcheck", "--ready", "--wait", "30", "--api-port", String.valueOf(port()))).isZero();
        assertThat(asked).hasValue(4);
        assertThat(errText()).isEmpty();
    }

    @Test
    void waitGivesUpWhenTheTimeIsUpWithTheLastProblemOnly() {
        assertThat(main("healthcheck", "--ready", "--wait", "1", "--api-port", String.valueOf(port()))).isEqualTo(1);
        assertThat(paths.size()).isGreaterThan(1);
        assertThat(errText().lines()).singleElement().asString().contains("/readyz answered 503");
    }

    @Test
    void waitStopsAsSoonAsWaitingIsNoLongerWorthIt() throws InterruptedException {
        URI readyz = URI.create("http://127.0.0.1:" + port() + "/readyz");
        assertThat(Healthcheck.await(readyz, Duration.ofMinutes(5), () -> paths.size() < 2, errStream)).isEqualTo(1);
        assertThat(paths).hasSize(2);
        assertThat(errText().lines()).singleElement().asString().contains("answered 503");
    }

    @Test
    void defaultsToLivenessOnTheDefaultPort() throws Exception {
        assertThat(Healthcheck.target(Map.of())).isEqualTo(URI.create("http://127.0.0.1:8080/healthz"));
        assertThat(Healthcheck.target(Map.of("ready", "true", "api-port", "9000")))
                .isEqualTo(URI.create("http://127.0.0.1:9000/readyz"));
    }

    @Test
    void badOptionsAreUsageErrorsThatDoNotEchoCredentials() {
        assertThatThrownBy(() -> Healthcheck.target(Map.of("api-port", "eighty"))).hasMessageContaining("--api-port");
        assertThatThrownBy(() -> Healthcheck.target(Map.of("url", "http://x/readyz", "ready", "true")))
                .hasMessageContaining("--url");
        assertThatThrownBy(() -> Healthcheck.target(Map.of("url", "http://admin:s3cret@127.0.0.1:8080/readyz")))
                .isInstanceOf(UsageException.class).message().doesNotContain("s3cret");
        assertThatThrownBy(() -> Healthcheck.target(Map.of("url", "file:///etc/passwd"))).isInstanceOf(UsageException.class);

        assertThat(main("healthcheck", "--ready=yes")).isEqualTo(2);
        assertThat(errText()).contains("--ready: takes no value");
        assertThat(main("healthcheck", "--wait", "soon")).isEqualTo(2);
        assertThat(errText()).contains("--wait: expected a number, got 'soon'");
        assertThat(main("healthcheck", "--wait", "86401")).isEqualTo(2);
        assertThat(errText()).contains("--wait: expected a number from 0 to 86400, got '86401'");
        assertThat(paths).isEmpty();
    }
}
