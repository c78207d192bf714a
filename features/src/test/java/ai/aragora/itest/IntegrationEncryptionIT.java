package ai.aragora.itest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

import ai.aragora.itest.filekeys.FileKeyFieldEncryption;
import ai.aragora.itest.support.TestBundles;

/**
 * Credentials at rest through the running server: sealed by the default provider, never returned
 * nor stored in the clear, and a second provider dropped into the watched directory under load
 * takes the new writes while nothing stored before becomes unreadable.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class IntegrationEncryptionIT extends AragoraTestSupport {

    static final String KEY_A = "a1".repeat(32);
    static final String KEY_B = "b2".repeat(32);
    private static final String FILEKEYS = "ai.aragora.itest.filekeys";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Override
    protected List<String> features() {
        return List.of("core", "http", "sqlite");
    }

    @Override
    protected Map<String, String> environment() {
        return Map.of("ARAGORA_ENCRYPTION_KEY", KEY_A);
    }

    @Configuration
    @Override
    public Option[] configuration() throws Exception {
        Option[] options = super.configuration();
        TestBundles.build(FILEKEYS, "1.0.0", FILEKEYS, Map.of(), testJar());
        return options;
    }

    private static Path testJar() {
        return Distribution.home().getParent().resolve("test-bundles").resolve("filekeys-1.0.0.jar");
    }

    private static String keyId(String hex) throws Exception {
        return FileKeyFieldEncryption.id(HexFormat.of().parseHex(hex));
    }

    @Before
    public void ready() throws Exception {
        await("/readyz", WAIT, () -> status("/readyz") == 200);
    }

    @Test
    public void credentialsAreSealedMaskedAndOrgIsolated() throws Exception {
        Account owner = register("integrations");
        Account other = register("other");
        String token = "xoxb-" + System.nanoTime() + "-do-not-store-me";
        HttpResponse<String> created = call("PUT", "/api/v1/integrations/slack",
                "{\"name\":\"Ops\",\"channel\":\"#ops\",\"bot_token\":\"" + token + "\"}", owner.accessToken());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).contains("\"bot_token\":\"****\"", "\"channel\":\"#ops\"").doesNotContain(token);

        HttpResponse<String> read = get("/api/v2/integrations/slack", owner.accessToken());
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).contains("\"status\":\"active\"").doesNotContain(token);
        assertThat(get("/api/v2/integrations", owner.accessToken()).body()).contains("\"total\":1");
        assertThat(get("/api/v2/integrations/slack", other.accessToken()).statusCode()).isEqualTo(404);
        assertThat(get("/api/v2/integrations", other.accessToken()).body()).contains("\"total\":0");
        assertThat(call("DELETE", "/api/v1/integrations/slack", null, other.accessToken()).statusCode()).isEqualTo(404);
        assertThat(get("/api/v2/integrations", null).statusCode()).isEqualTo(401);

        HttpResponse<String> bad = call("PUT", "/api/v1/integrations/myspace", "{\"name\":\"x\"}", owner.accessToken());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("unknown integration type");
        HttpResponse<String> nested = call("PATCH", "/api/v1/integrations/slack", "{\"api_key\":{\"a\":1}}", owner.accessToken());
        assertThat(nested.statusCode()).isEqualTo(400);
        assertThat(nested.body()).contains("api_key");
        HttpResponse<String> tested = post("/api/v1/integrations/slack/test", null, owner.accessToken());
        assertThat(tested.body()).contains("\"success\":true").doesNotContain(token);

        Path data = Path.of(launched().dataDir());
        StringBuilder stored = new StringBuilder();
        for (String file : List.of("integrations.db", "integrations.db-wal")) {
            if (Files.exists(data.resolve(file))) {
                stored.append(new String(Files.readAllBytes(data.resolve(file)), StandardCharsets.ISO_8859_1));
            }
        }
        assertThat(stored.toString()).as("the database files hold the settings, no credential in the clear")
                .contains("#ops").doesNotContain(token);

        assertThat(get("/api/health", adminToken()).body()).contains("\"integration_store\":{\"status\":\"healthy\"");
        String metrics = get("/api/metrics", adminToken()).body();
        assertThat(metrics).contains("aragora_integration_store_operations_total{operation=\"create\",status=\"success\",",
                "aragora_encryption_operations_total{operation=\"encrypt\",store=\"integrations\",",
                "aragora_integration_store_health{backend=", "aragora_encryption_key_encryptions{key_id=\"" + keyId(KEY_A));

        HttpResponse<String> admin = get("/api/v1/admin/encryption", adminToken());
        assertThat(admin.statusCode()).as(admin.body()).isEqualTo(200);
        assertThat(admin.body()).contains("\"active_key_id\":\"" + keyId(KEY_A) + "\"", "\"store\":\"integration-store\"")
                .doesNotContain(KEY_A);
        assertThat(get("/api/v1/admin/encryption", owner.accessToken()).statusCode()).isEqualTo(403);
    }

    /** The operator drops a provider bundle in while integrations are written and read: no request fails, nothing is lost. */
    @Test
    public void aProviderSwappedInUnderLoadTakesNewWritesAndEverythingStaysReadable() throws Exception {
        Path state = Path.of(launched().dataDir()).resolve("state");
        Files.writeString(state.resolve(FileKeyFieldEncryption.FILE), KEY_B + "\n" + KEY_A + "\n");
        Account owner = register("swap");
        AtomicBoolean running = new AtomicBoolean(true);
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger writes = new AtomicInteger();
        List<String> types = List.of("slack", "github", "jira", "linear", "notion", "pagerduty", "webhook", "generic");
        Thread load = new Thread(() -> {
            int i = 0;
            while (running.get()) {
                String type = types.get(i++ % types.size());
                try {
                    HttpResponse<String> put = call("PUT", "/api/v1/integrations/" + type,
                            "{\"api_key\":\"key-" + i + "\",\"url\":\"https://example.test/" + i + "\"}", owner.accessToken());
                    HttpResponse<String> test = post("/api/v1/integrations/" + type + "/test", null, owner.accessToken());
                    if (put.statusCode() / 100 != 2 || !test.body().contains("\"success\":true")) {
                        failures.add(put.statusCode() + " " + put.body() + " / " + test.body());
                    }
                    writes.incrementAndGet();
                } catch (Exception e) {
                    failures.add(e.toString());
                }
            }
        });
        load.start();
        try {
            await("load before the swap", WAIT, () -> writes.get() > 20);
            Files.copy(testJar(), Path.of(launched().dataDir()).resolve("bundles").resolve("filekeys-1.0.0.jar"));
            String newKey = keyId(KEY_B);
            await("the new provider to take writes", WAIT, () -> activeKeyId().equals(newKey));
            int atSwap = writes.get();
            await("load after the swap", WAIT, () -> writes.get() > atSwap + 20);
        } finally {
            running.set(false);
            load.join();
        }
        assertThat(failures).as("requests around the swap").isEmpty();
        String listed = get("/api/v2/integrations?limit=100", owner.accessToken()).body();
        for (String type : types) {
            assertThat(listed).contains("\"id\":\"" + type + "\"");
            assertThat(post("/api/v1/integrations/" + type + "/test", null, owner.accessToken()).body()).contains("\"success\":true");
        }
        assertThat(get("/api/v1/admin/encryption", adminToken()).body()).contains("\"by_key_id\":{").contains(keyId(KEY_B));

        // the test provider leaves: the default one takes writes again, and what only the other's key opens says so
        Files.delete(Path.of(launched().dataDir()).resolve("bundles").resolve("filekeys-1.0.0.jar"));
        await("the filekeys bundle to go", WAIT, () -> bundle(FILEKEYS) == null);
        await("the default provider back", WAIT, () -> activeKeyId().equals(keyIdOrEmpty(KEY_A)));
        HttpResponse<String> unreadable = post("/api/v1/integrations/slack/test", null, owner.accessToken());
        assertThat(unreadable.statusCode()).isEqualTo(200);
        assertThat(unreadable.body()).contains("\"success\":false", "\"error_type\":\"unknown_key\"", "\"key_id\":\"" + keyId(KEY_B) + "\"");
    }

    private String activeKeyId() {
        try {
            return text(get("/api/v1/admin/encryption", adminToken()).body(), "active_key_id");
        } catch (Exception | AssertionError e) {
            return "";
        }
    }

    private static String keyIdOrEmpty(String hex) {
        try {
            return keyId(hex);
        } catch (Exception e) {
            return "";
        }
    }

    private Bundle bundle(String name) {
        for (Bundle b : context.getBundles()) {
            if (name.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }
}
