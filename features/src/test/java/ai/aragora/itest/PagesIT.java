package ai.aragora.itest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ai.aragora.itest.support.Browser;

/**
 * The pages in a real browser (Debian's headless chromium) against {@code bin/aragora serve}:
 * sign in, start a debate, watch its events arrive over the stream, read the verdict and the
 * verified receipt. Screenshots land in {@code target/screenshots}.
 */
class PagesIT {

    private static final Path SHOTS = Path.of("target", "screenshots");
    private static final String XSS = "<script>window.pwned=1</script><img src=x onerror=\"window.pwned=1\"> Ship it?";

    private final List<Process> started = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private Path data;
    private int port;

    @BeforeEach
    void serve() throws Exception {
        data = Distribution.newDataDir("pages");
        port = Distribution.freePort();
        Process server = Distribution.aragora(data, Map.of("ARAGORA_FEATURES", "core,http,sqlite,demo",
                "ARAGORA_DEMO_LATENCY_MS", "250"), "serve", "--api-port", String.valueOf(port),
                "--ws-port", String.valueOf(Distribution.freePort()))
                .redirectErrorStream(true).redirectOutput(data.resolve("out.log").toFile()).start();
        started.add(server);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            HttpResponse<String> ready = send("GET", "/readyz", null);
            if (ready != null && ready.statusCode() == 200) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("server not ready: " + Files.readString(data.resolve("out.log")));
    }

    @AfterEach
    void stop() throws InterruptedException {
        Distribution.stopAll(started);
    }

    @Test
    void aSignedInUserStartsADebateWatchesItLiveAndReadsTheVerifiedVerdict() throws Exception {
        HttpResponse<String> registered = send("POST", "/api/auth/register",
                "{\"email\":\"viewer@example.com\",\"password\":\"correct horse battery staple\"}");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);

        try (Browser browser = new Browser(data.resolve("chromium-profile"))) {
            browser.open(url("/"));
            browser.type("#email", "viewer@example.com");
            browser.type("#password", "correct horse battery staple");
            browser.click("#signin button[type=submit]");
            browser.type("#task", XSS);
            browser.type("#rounds", "2");
            browser.click("#start button[type=submit]");

            browser.awaitText("#note", "Live"::equals, Duration.ofSeconds(30));
            assertThat(browser.url()).contains("/debates/");
            browser.find("li[data-kind=proposal]", Duration.ofSeconds(30));
            assertThat(Integer.parseInt(browser.script("return document.getElementById('outcome').childElementCount")))
                    .as("the first proposal arrived before the debate ended").isZero();
            browser.screenshot(SHOTS.resolve("live-view-mid-debate.png"));

            browser.awaitText("#receipt-status", "verified"::equals, Duration.ofSeconds(120));
            for (String kind : List.of("debate_start", "proposal", "critique", "vote", "consensus", "debate_end")) {
                browser.find("li[data-kind=" + kind + "]", Duration.ofSeconds(5));
            }
            assertThat(browser.text(".critique .severity")).startsWith("severity ");
            assertThat(browser.text("#confidence")).endsWith("%");
            assertThat(browser.text("#verdict")).isNotBlank();
            browser.screenshot(SHOTS.resolve("live-view-finished.png"));

            // the task is shown as text: no script ran, no element was made from it
            assertThat(browser.text("h2.task")).isEqualTo(XSS);
            assertThat(browser.script("return typeof window.pwned")).isEqualTo("undefined");
            assertThat(Integer.parseInt(browser.script("return document.querySelectorAll('h2.task *').length"))).isZero();

            // a finished debate renders the same from the store
            browser.open(browser.url());
            browser.awaitText("#receipt-status", "verified"::equals, Duration.ofSeconds(30));
            browser.find("li[data-kind=vote]", Duration.ofSeconds(5));
            assertThat(browser.text("h2.task")).isEqualTo(XSS);
            browser.screenshot(SHOTS.resolve("finished-from-store.png"));
        }
    }

    @Test
    void everyPageCarriesAStrictPolicyAndUnknownAssetsAreNotServed() {
        HttpResponse<String> start = send("GET", "/", null);
        assertThat(start.statusCode()).isEqualTo(200);
        assertThat(start.headers().firstValue("Content-Security-Policy")).get().asString()
                .contains("default-src 'none'", "script-src 'self'").doesNotContain("unsafe-inline");
        assertThat(start.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(send("GET", "/debates/some-id", null).headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(send("GET", "/ui/ai.aragora.ui.PageServlet.class", null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/no/such/path", null).body()).contains("\"code\":\"not_found\"");
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private HttpResponse<String> send(String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
