package ai.aragora.itest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ai.aragora.itest.support.Browser;

/**
 * The pages in a real browser (Debian's headless chromium) against {@code bin/aragora serve}:
 * sign in, start a debate, watch its events arrive over the stream, read the verdict and the
 * verified receipt, share it read-only with a browser that never signed in (and watch a running
 * debate through such a link), revoke the link; the admin console for the admin only, with a
 * cache invalidation; the developer portal's usage and cost and its API try-it form.
 * Screenshots land in {@code target/screenshots}; {@value #DOCS_PROPERTY} also refreshes those docs/pages.md shows.
 */
class PagesIT {

    private static final Path SHOTS = Path.of("target", "screenshots");
    /**
     * {@code -Daragora.screenshots=docs/screenshots} (relative to the repository root) refreshes
     * the screenshots the documentation shows there; every shot still lands in {@link #SHOTS}.
     */
    static final String DOCS_PROPERTY = "aragora.screenshots";
    static final List<String> DOCUMENTED = List.of("live-view-mid-debate.png", "admin-console.png", "developer-portal-reference.png");
    private static final String XSS = "<script>window.pwned=1</script><img src=x onerror=\"window.pwned=1\"> Ship it?";

    private final List<Process> started = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private Path data;
    private int port;

    @BeforeEach
    void serve() throws Exception {
        data = Distribution.newDataDir("pages");
        port = Distribution.freePort();
        Process server = Distribution.aragora(data, Map.of("ARAGORA_FEATURES", "core,http,sqlite,demo,providers",
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

    private static void shot(Browser browser, String name) throws IOException, InterruptedException {
        Path file = SHOTS.resolve(name);
        browser.screenshot(file);
        String docs = System.getProperty(DOCS_PROPERTY, "");
        if (!docs.isBlank() && DOCUMENTED.contains(name)) {
            // failsafe runs in features/: the documented command names the folder from the repository root
            Path target = Path.of("").toAbsolutePath().getParent().resolve(docs).resolve(name);
            Files.createDirectories(target.getParent());
            Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        }
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
            shot(browser, "live-view-mid-debate.png");

            browser.awaitText("#receipt-status", "verified"::equals, Duration.ofSeconds(120));
            for (String kind : List.of("debate_start", "proposal", "critique", "vote", "consensus", "debate_end")) {
                browser.find("li[data-kind=" + kind + "]", Duration.ofSeconds(5));
            }
            assertThat(browser.text(".critique .severity")).startsWith("severity ");
            assertThat(browser.text("#confidence")).endsWith("%");
            assertThat(browser.text("#verdict")).isNotBlank();
            assertThat(browser.text("#cruxes")).as("the receipt's cruxes were read").startsWith("Cruxes").doesNotContain("Not recorded.");
            shot(browser, "live-view-finished.png");

            // the task is shown as text: no script ran, no element was made from it
            assertThat(browser.text("h2.task")).isEqualTo(XSS);
            assertThat(browser.script("return typeof window.pwned")).isEqualTo("undefined");
            assertThat(Integer.parseInt(browser.script("return document.querySelectorAll('h2.task *').length"))).isZero();

            // a finished debate renders the same from the store
            browser.open(browser.url());
            browser.awaitText("#receipt-status", "verified"::equals, Duration.ofSeconds(30));
            browser.find("li[data-kind=vote]", Duration.ofSeconds(5));
            assertThat(browser.text("h2.task")).isEqualTo(XSS);
            shot(browser, "finished-from-store.png");

            // a read-only link, opened in a browser that never signed in
            browser.click("#share-create");
            browser.find("#share-url", Duration.ofSeconds(10));
            String shared = browser.script("return document.getElementById('share-url').href");
            assertThat(shared).contains("/shared#ars_");
            try (Browser stranger = new Browser(data.resolve("chromium-stranger"))) {
                stranger.open(shared);
                stranger.awaitText("#receipt-status", "verified"::equals, Duration.ofSeconds(30));
                assertThat(stranger.text("h2.task")).isEqualTo(XSS);
                assertThat(stranger.text("#note")).startsWith("Read-only link, valid until");
                stranger.find("li[data-kind=critique]", Duration.ofSeconds(5));
                assertThat(stranger.text("#cruxes")).isEqualTo(browser.text("#cruxes"));
                assertThat(stranger.script("return sessionStorage.length")).isEqualTo("0");
                assertThat(stranger.script("return typeof window.pwned")).isEqualTo("undefined");
                shot(stranger, "shared-link.png");

                browser.click("#revoke");
                browser.awaitText("#share-link", "Link revoked."::equals, Duration.ofSeconds(10));
                stranger.open(url("/"));
                stranger.open(shared);
                stranger.awaitText("#note", t -> t.startsWith("This link is not valid"), Duration.ofSeconds(10));
                assertThat(stranger.script("return document.getElementById('debate').childElementCount")).isEqualTo("0");
                shot(stranger, "shared-link-revoked.png");
            }
        }
    }

    @Test
    void aDeveloperSignsUpCreatesAKeyShownOnceAndRevokesIt() throws Exception {
        try (Browser browser = new Browser(data.resolve("chromium-developer"))) {
            browser.open(url("/developer"));
            browser.type("#email", "dev@example.com");
            browser.type("#password", "correct horse battery staple");
            browser.click("#signup");
            browser.click("#create-key");
            String key = browser.awaitText("#new-key", k -> k.startsWith("ara_"), Duration.ofSeconds(10));
            shot(browser, "developer-portal.png");
            assertThat(send("GET", "/api/auth/me", null, key, null).statusCode()).as("the new key works").isEqualTo(200);

            browser.open(url("/developer"));
            browser.awaitText("#keys tbody .state", "active"::equals, Duration.ofSeconds(10));
            assertThat(browser.script("return document.body.textContent.includes('" + key + "')")).as("shown once").isEqualTo("false");
            browser.click("#keys .revoke");
            browser.awaitText("#keys tbody .state", "revoked"::equals, Duration.ofSeconds(10));
            assertThat(send("GET", "/api/auth/me", null, key, null).statusCode()).as("a revoked key is refused").isEqualTo(401);
        }
    }

    @Test
    void aShareViewerOfARunningDebateSeesItsEventsArriveWithoutReloading() throws Exception {
        String token;
        String owner = session("live-owner@example.com");
        try (Browser stranger = new Browser(data.resolve("chromium-live-stranger"))) {
            // the browser is up before the debate starts, so the link is opened while it runs
            HttpResponse<String> created = send("POST", "/api/debates", "{\"task\":\"Watch me live\",\"agents\":[\"demo-supportive\","
                    + "\"demo-critical\",\"demo-balanced\"],\"rounds\":6,\"min_rounds\":6}", owner, null);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String debate = field(created.body(), "debate_id");
            HttpResponse<String> share = send("POST", "/api/shares", "{\"debate_id\":\"" + debate + "\"}", owner, null);
            assertThat(share.statusCode()).as(share.body()).isEqualTo(201);
            token = field(share.body(), "token");
            assertThat(send("GET", "/api/shares/view?after=-1", null, null, token).statusCode()).isEqualTo(400);

            stranger.open(url("/shared#" + token));
            stranger.awaitText("#note", t -> t.startsWith("Live, read-only"), Duration.ofSeconds(20));
            int first = Integer.parseInt(stranger.script("return document.querySelectorAll('li.event').length"));
            assertThat(stranger.script("return document.getElementById('outcome').childElementCount")).isEqualTo("0");
            shot(stranger, "shared-link-live.png");

            // the end of the debate reaches the page that was opened while it ran, with no reload
            stranger.find("li[data-kind=debate_end]", Duration.ofSeconds(120));
            stranger.awaitText("#receipt-status", "verified"::equals, Duration.ofSeconds(30));
            assertThat(Integer.parseInt(stranger.script("return document.querySelectorAll('li.event').length"))).isGreaterThan(first);
            assertThat(stranger.script("return document.querySelectorAll('li[data-kind=debate_end]').length"))
                    .as("the events already drawn were not drawn again").isEqualTo("1");
            assertThat(stranger.text("#note")).startsWith("Read-only link, valid until");
            assertThat(stranger.script("return sessionStorage.length")).isEqualTo("0");
        }
        String secret = token.substring(4);
        try (var logs = Files.walk(data)) {
            for (Path file : logs.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".log")).toList()) {
                // the browser's own logs are not all UTF-8: read bytes as Latin-1, which any token survives
                assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).as(file.toString()).doesNotContain(secret);
            }
        }
    }

    @Test
    void theAdminConsoleShowsEveryPanelInvalidatesTheCacheAndRefusesEveryoneElse() throws Exception {
        String admin = Files.readString(data.resolve("state/admin_token")).strip();
        String user = session("not-admin@example.com");
        HttpResponse<String> decision = send("POST", "/api/v1/decisions", "{\"input\":\"Name one risk of a Friday deploy.\","
                + "\"decision_type\":\"quick\",\"config\":{\"agents\":[\"demo-critical\"]}}", user, null);
        assertThat(decision.statusCode()).as(decision.body()).isBetween(200, 202);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!send("GET", "/api/cache/stats", null, admin, null).body().matches("(?s).*\"total_entries\":[1-9].*")) {
            assertThat(System.nanoTime()).as("the decision reached the cache").isLessThan(deadline);
            Thread.sleep(200);
        }

        try (Browser browser = new Browser(data.resolve("chromium-admin"))) {
            browser.open(url("/admin"));
            browser.type("#admin-token", admin);
            browser.click("#admin-signin button[type=submit]");
            for (String on : List.of("health", "stats", "debates", "agents", "errors", "limits", "stream", "cache")) {
                browser.find("#panel-" + on + "[data-state=on]", Duration.ofSeconds(20));
            }
            for (String off : List.of("webhooks", "knowledge")) {
                browser.find("#panel-" + off + "[data-state=off]", Duration.ofSeconds(20));
            }
            assertThat(browser.text("#panel-knowledge .off")).contains("knowledge feature");
            assertThat(browser.text("#panel-webhooks .off")).contains("webhooks feature");
            assertThat(browser.text("#health-status")).isNotBlank();
            browser.find("#agents tr[data-agent=demo-critical] .breaker", Duration.ofSeconds(5));
            browser.awaitText("#chart-debates-now", t -> t.startsWith("Now:"), Duration.ofSeconds(30));
            browser.awaitText("#chart-latency-now", t -> t.startsWith("Now:"), Duration.ofSeconds(30));
            assertThat(browser.text("#panel-cache")).contains("entries", "hit rate");

            browser.click("#invalidate button[type=submit]");
            browser.awaitText("#invalidate-status", t -> t.matches("Invalidated [1-9]\\d* entries \\(all\\)"), Duration.ofSeconds(10));
            assertThat(send("GET", "/api/cache/stats", null, admin, null).body()).contains("\"total_entries\":0");
            browser.script("window.scrollTo(0, 0); return 1");
            shot(browser, "admin-console.png");

            // a signed-in user who is not the server admin is refused, by the page and by the API
            browser.script("sessionStorage.setItem('aragora.token', '" + user + "'); return 1");
            browser.open(url("/admin"));
            browser.awaitText("#refused h2", "Not for this account"::equals, Duration.ofSeconds(10));
            assertThat(browser.script("return document.querySelectorAll('.panel').length")).isEqualTo("0");
            shot(browser, "admin-console-refused.png");
            assertThat(send("GET", "/api/admin/stats", null, user, null).statusCode()).isEqualTo(403);
            assertThat(send("POST", "/api/cache/invalidate/all", null, user, null).statusCode()).isEqualTo(403);
        }
    }

    @Test
    void theDeveloperPortalShowsTheOrgsUsageAndCostAndTriesAnOperation() throws Exception {
        String owner = session("usage@example.com");
        String other = session("usage-other@example.com");
        HttpResponse<String> created = send("POST", "/api/debates",
                "{\"task\":\"Count my tokens\",\"agents\":[\"demo-supportive\",\"demo-critical\"],\"rounds\":1}", owner, null);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String debate = field(created.body(), "debate_id");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (send("GET", "/api/debates/" + debate, null, owner, null).body().contains("\"in_progress\":true")) {
            assertThat(System.nanoTime()).as("the debate finished").isLessThan(deadline);
            Thread.sleep(200);
        }
        HttpResponse<String> usage = send("GET", "/api/billing/usage", null, owner, null);
        while (usage.body().contains("\"partial\":true")) {
            // counted a moment after the result is stored
            assertThat(System.nanoTime()).as("the debate's usage counted").isLessThan(deadline);
            Thread.sleep(100);
            usage = send("GET", "/api/billing/usage", null, owner, null);
        }
        assertThat(usage.statusCode()).as(usage.body()).isEqualTo(200);
        assertThat(usage.body()).contains("\"agent\":\"demo-supportive\"", "\"agent\":\"demo-critical\"", "\"debates\":1");
        assertThat(send("GET", "/api/billing/usage", null, other, null).body()).as("another org's usage is its own")
                .contains("\"usage\":[]", "\"debates\":0");
        assertThat(send("GET", "/api/billing/usage?days=0", null, owner, null).statusCode()).isEqualTo(400);
        assertThat(send("GET", "/api/billing/usage", null, null, null).statusCode()).isEqualTo(401);

        try (Browser browser = new Browser(data.resolve("chromium-usage"))) {
            browser.open(url("/developer"));
            browser.type("#email", "usage@example.com");
            browser.type("#password", "correct horse battery staple");
            browser.click("#signin button[type=submit]");
            browser.awaitText("#usage-debates", "1"::equals, Duration.ofSeconds(20));
            assertThat(Long.parseLong(browser.text("#usage-tokens"))).isPositive();
            assertThat(browser.text("#usage")).contains("demo-supportive", "demo-critical");

            browser.type("#reference-filter", "auth/me");
            browser.click("#operations button.operation[data-op$='/auth/me']");
            browser.click("#try-send");
            browser.awaitText("#try-status", t -> t.endsWith("answered 200"), Duration.ofSeconds(10));
            assertThat(browser.text("#try-response")).contains("usage@example.com");
            shot(browser, "developer-portal-reference.png");
        }
    }

    @Test
    void aShareLinkIsRefusedWithoutItsTokenAndToOtherOrgsAndItsTokenIsNeverLogged() throws Exception {
        String owner = session("owner@example.com");
        String other = session("other@example.com");
        HttpResponse<String> created = send("POST", "/api/debates",
                "{\"task\":\"Share?\",\"agents\":[\"demo-supportive\",\"demo-critical\"],\"rounds\":1}", owner, null);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String debate = field(created.body(), "debate_id");

        assertThat(send("POST", "/api/shares", "{\"debate_id\":\"" + debate + "\"}", other, null).statusCode())
                .as("another org cannot share the debate").isEqualTo(404);
        assertThat(send("POST", "/api/shares", "{\"debate_id\":\"" + debate + "\",\"expires_in_hours\":0}", owner, null)
                .statusCode()).isEqualTo(400);
        assertThat(send("POST", "/api/shares", "{\"debate_id\":\"" + debate + "\"}", null, null).statusCode()).isEqualTo(401);
        HttpResponse<String> share = send("POST", "/api/shares", "{\"debate_id\":\"" + debate + "\",\"expires_in_hours\":1}",
                owner, null);
        assertThat(share.statusCode()).as(share.body()).isEqualTo(201);
        String token = field(share.body(), "token");
        String id = field(share.body(), "id");

        HttpResponse<String> viewed = send("GET", "/api/shares/view", null, null, token);
        assertThat(viewed.statusCode()).as(viewed.body()).isEqualTo(200);
        assertThat(viewed.body()).contains("\"task\":\"Share?\"").doesNotContain(token);
        assertThat(send("GET", "/api/shares/view", null, null, null).statusCode()).isEqualTo(404);
        String forged = token.substring(0, 10) + (token.charAt(10) == 'A' ? 'B' : 'A') + token.substring(11);
        assertThat(send("GET", "/api/shares/view", null, null, forged).statusCode()).isEqualTo(404);
        assertThat(send("DELETE", "/api/shares/" + id, null, other, null).statusCode()).as("another org cannot revoke").isEqualTo(404);
        assertThat(send("DELETE", "/api/shares/" + id, null, owner, null).body()).contains("\"revoked\":true");
        HttpResponse<String> refused = send("GET", "/api/shares/view", null, null, token);
        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(refused.body()).contains("\"code\":\"share_link_invalid\"");

        String secret = token.substring(4);
        try (var logs = Files.walk(data)) {
            for (Path file : logs.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".log")).toList()) {
                assertThat(Files.readString(file)).as(file.toString()).doesNotContain(secret);
            }
        }
    }

    @Test
    void everyPageFitsAPhoneWidthScreenWithoutScrollingSideways() throws Exception {
        String owner = session("phone@example.com");
        HttpResponse<String> created = send("POST", "/api/debates",
                "{\"task\":\"A phone-width check of the live view, with a long task that must wrap rather than widen the page\","
                        + "\"agents\":[\"demo-supportive\",\"demo-critical\"],\"rounds\":1}", owner, null);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String debate = field(created.body(), "debate_id");
        try (Browser phone = new Browser(data.resolve("chromium-phone"))) {
            phone.resize(390, 844);
            assertThat(phone.script("return window.innerWidth")).isEqualTo("390");
            for (String page : List.of("/", "/developer", "/admin", "/debates/" + debate, "/shared")) {
                phone.open(url(page));
                phone.find("body", Duration.ofSeconds(10));
                assertThat(phone.script("return document.documentElement.scrollWidth <= window.innerWidth"))
                        .as(page + " is no wider than the screen").isEqualTo("true");
            }
            shot(phone, "phone-width-start.png");
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

    private String session(String email) {
        HttpResponse<String> r = send("POST", "/api/auth/register",
                "{\"email\":\"" + email + "\",\"password\":\"correct horse battery staple\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return field(r.body(), "access_token");
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        assertThat(m.find()).as(name + " in " + json).isTrue();
        return m.group(1);
    }

    private HttpResponse<String> send(String method, String path, String body) {
        return send(method, path, body, null, null);
    }

    private HttpResponse<String> send(String method, String path, String body, String bearer, String shareToken) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        if (shareToken != null) {
            b.header("X-Share-Token", shareToken);
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
