package ai.aragora.itest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** The platform of the default server, booted like the launcher boots it. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PlatformIT extends AragoraTestSupport {

    @Override
    protected List<String> features() {
        return List.of("core", "http", "sqlite", "webconsole");
    }

    @Override
    protected java.util.Map<String, String> environment() {
        return java.util.Map.of("ARAGORA_ALLOWED_ORIGINS", "https://app.example.com");
    }

    @Before
    public void up() throws Exception {
        await("/readyz to answer 200", java.time.Duration.ofSeconds(30), () -> status("/readyz") == 200);
    }

    @Test
    public void livenessAndHealthAnswer() throws Exception {
        HttpResponse<String> healthz = get("/healthz");
        assertThat(healthz.statusCode()).isEqualTo(200);
        assertThat(healthz.body()).isEqualTo("{\"status\":\"ok\"}");
        assertThat(healthz.headers().firstValue("X-Request-ID")).isPresent();

        HttpResponse<String> health = get("/api/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"healthy\"", "\"version\":", "\"uptime\":");
        assertThat(get("/api/v1/health").statusCode()).isEqualTo(200);
    }

    @Test
    public void theLiveApiDocumentListsTheRegisteredRoutes() throws Exception {
        HttpResponse<String> doc = get("/api/openapi.json");
        assertThat(doc.statusCode()).isEqualTo(200);
        assertThat(doc.body()).startsWith("{\"openapi\":\"3.1.0\"")
                .contains("\"/healthz\"", "\"/readyz\"", "\"/api/health\"", "\"/api/metrics\"", "\"/api/openapi.json\"");
    }

    @Test
    public void metricsAreExposedInPrometheusText() throws Exception {
        get("/healthz");
        HttpResponse<String> metrics = get("/api/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(metrics.body())
                .contains("aragora_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\",}")
                .contains("aragora_http_request_duration_seconds_bucket")
                .contains("jvm_memory_bytes_used");
    }

    @Test
    public void errorsAreJsonNeverHtml() throws Exception {
        HttpResponse<String> missing = get("/api/no-such-thing");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(missing.body()).contains("\"error\":\"no resource at /api/no-such-thing\"", "\"code\":\"not_found\"");

        String badUri = raw("GET /%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(badUri).startsWith("HTTP/1.1 400").contains("Content-Type: application/json")
                .contains("{\"error\":").doesNotContainIgnoringCase("<html");
    }

    @Test
    public void anOversizedBodyIsRefusedBeforeItIsRead() throws Exception {
        String answer = raw("POST /api/health HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "X-Request-ID: too-large-1\r\nContent-Length: 5000000\r\nConnection: close\r\n\r\n{}");
        assertThat(answer).startsWith("HTTP/1.1 413")
                .contains("{\"error\":\"request body too large: 5000000 bytes, at most ", "\"code\":\"payload_too_large\"",
                        "\"trace_id\":\"too-large-1\"");
    }

    @Test
    public void corsAnswersOnlyTheConfiguredOrigins() throws Exception {
        HttpResponse<String> allowed = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(api("/api/health")))
                .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://app.example.com").header("Access-Control-Request-Method", "POST").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(allowed.statusCode()).isEqualTo(204);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.com");
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Headers").orElse("")).contains("Authorization");

        HttpResponse<String> refused = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(api("/api/health")))
                .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example.net").header("Access-Control-Request-Method", "POST").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(refused.body()).isEqualTo("{\"error\":\"origin not allowed\",\"code\":\"forbidden\",\"trace_id\":\""
                + refused.headers().firstValue("X-Request-ID").orElseThrow() + "\"}");

        HttpResponse<String> simple = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(api("/api/health")))
                .header("Origin", "https://evil.example.net").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(simple.statusCode()).isEqualTo(200);
        assertThat(simple.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    public void theConsoleRefusesAnonymousAndWrongCredentials() throws Exception {
        HttpResponse<String> anonymous = get("/system/console/bundles");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Basic");
        assertThat(get("/system/console/bundles", "admin", "admin").statusCode()).isEqualTo(401);
        assertThat(get("/system/console/bundles", "root", launched().adminToken()).statusCode()).isEqualTo(401);
    }

    @Test
    public void theConsoleLetsTheAdminIn() throws Exception {
        HttpResponse<String> admin = get("/system/console/bundles.json", "admin", launched().adminToken());
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(admin.body()).contains("ai.aragora.health");
    }
}
