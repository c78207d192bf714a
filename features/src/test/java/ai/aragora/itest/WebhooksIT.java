package ai.aragora.itest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceRegistration;

import ai.aragora.api.crypto.Envelope;
import ai.aragora.api.crypto.FieldContext;
import ai.aragora.api.crypto.FieldEncryption;
import ai.aragora.api.crypto.KeyUsage;

/**
 * The webhooks feature as the server boots it: the API refuses to store a secret while no
 * encryption provider runs, then a subscription's events (a real debate's, and a test delivery)
 * reach a loopback receiver, signed; a debate's callback_url is refused when it points inside.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class WebhooksIT extends AragoraTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Override
    protected List<String> features() {
        return List.of("core", "http", "sqlite", "demo", "providers", "webhooks");
    }

    @Override
    protected Map<String, String> environment() {
        return Map.of("ARAGORA_WEBHOOK_ALLOWED_HOSTS", "127.0.0.1");
    }

    @Before
    public void ready() throws Exception {
        await("the API", WAIT, () -> status("/readyz") == 200 && status("/api/v1/auth/me") == 401);
    }

    /** AES-GCM under a fixed key: this test's provider, registered from the probe. */
    static final class TestProvider implements FieldEncryption {
        private static final SecretKeySpec KEY = new SecretKeySpec(new byte[32], "AES");
        private final SecureRandom random = new SecureRandom();

        @Override
        public Envelope encrypt(String plaintext, FieldContext context) {
            try {
                byte[] nonce = new byte[12];
                random.nextBytes(nonce);
                Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
                c.init(Cipher.ENCRYPT_MODE, KEY, new GCMParameterSpec(128, nonce));
                c.updateAAD(context.associatedData());
                return new Envelope(1, "AES-256-GCM", "it", nonce, c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String decrypt(Envelope envelope, FieldContext context) {
            try {
                Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
                c.init(Cipher.DECRYPT_MODE, KEY, new GCMParameterSpec(128, envelope.nonce()));
                c.updateAAD(context.associatedData());
                return new String(c.doFinal(envelope.ciphertext()), StandardCharsets.UTF_8);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String activeKeyId() {
            return "it";
        }

        @Override
        public List<String> decryptionKeyIds() {
            return List.of("it");
        }

        @Override
        public List<KeyUsage> usage() {
            return List.of(new KeyUsage("it", true, 0, Long.MAX_VALUE));
        }
    }

    @Test
    public void subscriptionsDeliverSignedEventsOfTheirOrgOnly() throws Exception {
        Account ada = register("ada");
        // The core feature runs the AES-GCM provider now; without any provider a create is a 503
        // (WebhooksResourceTest). This one stands beside it for the test.
        ServiceRegistration<FieldEncryption> provider = context.registerService(FieldEncryption.class, new TestProvider(),
                null);
        int port = Distribution.freePort();
        try (LoopbackLlm receiver = new LoopbackLlm(port, r -> new LoopbackLlm.Response(200, "ok"))) {
            String url = "http://127.0.0.1:" + port + "/hook";
            HttpResponse<String> created = post("/api/v1/webhooks",
                    "{\"url\":\"" + url + "\",\"events\":[\"debate.started\",\"debate.completed\",\"webhook.test\"]}",
                    ada.accessToken());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String id = text(created.body(), "webhook_id");
            String secret = text(created.body(), "secret");
            assertThat(secret).startsWith("whsec_");
            assertThat(get("/api/v1/webhooks/" + id, ada.accessToken()).body()).doesNotContain(secret);
            HttpResponse<String> encryption = get("/api/v1/admin/encryption", adminToken());
            assertThat(encryption.statusCode()).as(encryption.body()).isEqualTo(200);
            assertThat(encryption.body()).as("the signing secret is counted as a sealed field")
                    .containsPattern("\\{\"store\":\"webhook-secrets\",\"fields\":1,").doesNotContain(secret);
            Account bob = register("bob");
            assertThat(get("/api/v1/webhooks/" + id, bob.accessToken()).statusCode()).isEqualTo(404);

            HttpResponse<String> debate = post("/api/v1/debates", "{\"task\":\"Ship it?\","
                    + "\"agents\":\"demo-supportive,demo-critical,demo-balanced\",\"rounds\":1}", ada.accessToken());
            assertThat(debate.statusCode()).as(debate.body()).isEqualTo(201);
            assertThat(post("/api/v1/webhooks/" + id + "/test", "", ada.accessToken()).statusCode()).isEqualTo(202);

            await("a start, an end and a test delivery", WAIT, () -> receiver.seen.stream()
                    .map(r -> r.header("X-Aragora-Event")).toList().containsAll(List.of("debate.started", "debate.completed",
                            "webhook.test")));
            for (LoopbackLlm.Request r : receiver.seen) {
                assertThat(r.header("X-Webhook-Signature")).isEqualTo("sha256=" + hmac(secret, r.body()));
                assertThat(r.body()).contains("\"org_id\": \"" + ada.orgId() + "\"", "\"delivery_id\": \"" + r.header("X-Aragora-Delivery"));
            }
            LoopbackLlm.Request end = receiver.seen.stream().filter(r -> "debate.completed".equals(r.header("X-Aragora-Event")))
                    .findFirst().orElseThrow();
            assertThat(end.body()).contains("\"verdict\": ", "\"confidence\": ", "\"winner\": ", "\"receipt_id\": ");
            assertThat(get("/api/v1/webhooks/" + id + "/stats", ada.accessToken()).body()).contains("\"sink_running\":true");
            clientRoutesAnswerBesideTheCoreOnes(ada, id, secret, url);
            assertThat(get("/api/metrics").body()).contains("aragora_webhook_deliveries_total");
        } finally {
            provider.unregister();
        }

        HttpResponse<String> inside = post("/api/v1/debates", "{\"task\":\"x\",\"callback_url\":\"http://10.1.2.3/done\"}",
                ada.accessToken());
        assertThat(inside.statusCode()).as(inside.body()).isEqualTo(400);
        assertThat(inside.body()).contains("callback_url", "a private address");
    }

    /** The routes clients call beside the core ones, each through the real router (literal segments before {id}). */
    private void clientRoutesAnswerBesideTheCoreOnes(Account ada, String id, String secret, String url) throws Exception {
        String token = ada.accessToken();
        HttpResponse<String> added = post("/api/v1/webhooks/" + id + "/events", "{\"events\":[\"receipt.created\"]}", token);
        assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
        assertThat(added.body()).contains("receipt.created");
        HttpResponse<String> removed = call("DELETE", "/api/v1/webhooks/" + id + "/events", "{\"events\":[\"receipt.created\"]}",
                token);
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);
        assertThat(removed.body()).doesNotContain("receipt.created");
        assertThat(get("/api/v1/webhooks/" + id + "/retry-policy", token).body()).contains("\"source\":\"server\"");
        HttpResponse<String> policy = call("PUT", "/api/v1/webhooks/" + id + "/retry-policy", "{\"max_retries\":2}", token);
        assertThat(policy.statusCode()).as(policy.body()).isEqualTo(200);
        assertThat(policy.body()).contains("\"max_retries\":2", "\"source\":\"webhook\"");
        HttpResponse<String> signing = get("/api/v1/webhooks/" + id + "/signing", token);
        assertThat(signing.statusCode()).as(signing.body()).isEqualTo(200);
        assertThat(signing.body()).contains("HMAC-SHA256").doesNotContain(secret.substring(6));
        HttpResponse<String> bulk = post("/api/v1/webhooks/bulk", "{\"webhooks\":[{\"url\":\"" + url + "\"}]}", token);
        assertThat(bulk.statusCode()).as(bulk.body()).isEqualTo(201);
        HttpResponse<String> slo = post("/api/v1/webhooks/slo/test", "{\"webhook_id\":\"" + id + "\"}", token);
        assertThat(slo.statusCode()).as(slo.body()).isEqualTo(200);
        assertThat(slo.body()).contains("\"slo_met\":true");
        HttpResponse<String> platforms = get("/api/webhooks/platforms", token);
        assertThat(platforms.statusCode()).as(platforms.body()).isEqualTo(200);
        assertThat(platforms.body()).contains("\"name\":\"http\",\"running\":true");
        HttpResponse<String> dispatched = post("/api/webhooks/dispatch", "{\"event_type\":\"webhook.test\",\"webhook_id\":\"" + id
                + "\",\"payload\":{\"from\":\"dispatch\"}}", token);
        assertThat(dispatched.statusCode()).as(dispatched.body()).isEqualTo(202);
        assertThat(get("/api/v1/webhooks/events", token).body()).contains("circuit_breaker.opened");
        assertThat(get("/api/v1/webhooks/" + id, token).statusCode()).isEqualTo(200);
        assertThat(post("/api/webhooks/dispatch", "{\"event_type\":\"debate.completed\"}", token).statusCode()).isEqualTo(400);
    }

    private static String hmac(String secret, String body) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}
