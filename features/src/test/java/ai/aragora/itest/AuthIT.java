package ai.aragora.itest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Accounts, sessions, API keys and the token attacks RFC 8725 names, over HTTP against the
 * server as the launcher configures it (secrets generated into the state dir).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AuthIT extends AragoraTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PASSWORD = "correct horse battery staple";

    @Override
    protected List<String> features() {
        return List.of("core", "http", "sqlite");
    }

    @Before
    public void ready() throws Exception {
        await("the auth API", WAIT, () -> status("/api/v1/auth/me") == 401);
    }

    @Test
    public void registerLoginAndMe() throws Exception {
        Account a = register("ada");
        HttpResponse<String> me = get("/api/v1/auth/me", a.accessToken());
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains("\"id\":\"" + a.userId() + "\"", "\"org_id\":\"" + a.orgId() + "\"",
                "\"role\":\"owner\"", "\"kind\":\"user\"", "\"email\":\"" + a.email() + "\"", "\"permissions\":[\"*\"]")
                .doesNotContain("password", "hash");

        HttpResponse<String> login = post("/api/auth/login", credentials(a.email(), PASSWORD), null);
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("\"token_type\":\"Bearer\"", "\"expires_in\":86400", "\"refresh_token\"");
        assertThat(get("/api/auth/me", text(login.body(), "access_token")).statusCode()).isEqualTo(200);
    }

    @Test
    public void badRegistrationsNameTheProblem() throws Exception {
        Account taken = register("taken");
        assertProblem(post("/api/v1/auth/register", credentials(taken.email(), PASSWORD), null), 409, "already exists");
        assertProblem(post("/api/v1/auth/register", credentials(taken.email().toUpperCase(), PASSWORD), null), 409, "already exists");
        assertProblem(post("/api/v1/auth/register", credentials("weak@example.test", "short"), null), 400, "password");
        assertProblem(post("/api/v1/auth/register", "{\"email\":\"x@example.test\"}", null), 400, "'password' is required");
        assertProblem(post("/api/v1/auth/register", "{\"email\":42,\"password\":\"" + PASSWORD + "\"}", null), 400, "'email'");
        assertProblem(post("/api/v1/auth/register", "{\"email\":\"not-an-email\",\"password\":\"" + PASSWORD + "\"}", null), 400, "email");
        assertProblem(post("/api/v1/auth/register", "{\"email\":", null), 400, "JSON");
    }

    @Test
    public void wrongPasswordAndUnknownEmailLookAlike() throws Exception {
        Account a = register("bob");
        HttpResponse<String> wrong = post("/api/v1/auth/login", credentials(a.email(), "not the password at all"), null);
        HttpResponse<String> unknown = post("/api/v1/auth/login", credentials("nobody-" + System.nanoTime() + "@example.test", PASSWORD), null);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(text(wrong.body(), "error")).isEqualTo(text(unknown.body(), "error")).isEqualTo("invalid email or password");
    }

    @Test
    public void loginsAreThrottledPerAccount() throws Exception {
        Account a = register("carol");
        int throttled = 0;
        for (int i = 0; i < 15; i++) {
            HttpResponse<String> r = post("/api/v1/auth/login", credentials(a.email(), "guess number " + i), null);
            if (r.statusCode() == 429) {
                throttled++;
                assertThat(r.headers().firstValue("Retry-After")).isPresent();
                assertThat(r.body()).isEqualTo("{\"error\":\"too many login attempts: retry in a minute\",\"code\":\"rate_limited\","
                        + "\"trace_id\":\"" + r.headers().firstValue("X-Request-ID").orElseThrow() + "\"}");
            }
        }
        assertThat(throttled).isPositive();
    }

    /** The attack suite: every forged or misused token is a 401, never a session. */
    @Test
    public void forgedAndMisusedTokensAreRefused() throws Exception {
        Account victim = register("victim");
        String secret = Files.readString(Path.of(launched().dataDir(), "state", "jwt_secret")).trim();
        long now = Instant.now().getEpochSecond();
        String claims = "{\"iss\":\"aragora\",\"aud\":\"aragora-api\",\"sub\":\"" + victim.userId() + "\",\"email\":\"" + victim.email()
                + "\",\"org_id\":\"" + victim.orgId() + "\",\"role\":\"owner\",\"type\":\"access\",\"tv\":0,\"iat\":" + now
                + ",\"exp\":" + (now + 3600) + "}";
        String header = "{\"alg\":\"HS256\",\"typ\":\"at+jwt\"}";
        String genuine = sign(header, claims, secret);
        assertThat(get("/api/v1/auth/me", genuine).statusCode()).as("the forging code is right").isEqualTo(200);

        String none = b64(("{\"alg\":\"none\",\"typ\":\"at+jwt\"}")) + "." + b64(claims) + ".";
        String wrongKey = sign(header, claims, "another-secret-that-is-long-enough-000");
        String expired = sign(header, claims.replace("\"exp\":" + (now + 3600), "\"exp\":" + (now - 3600)), secret);
        String[] parts = genuine.split("\\.");
        String tampered = parts[0] + "." + b64(claims.replace(victim.orgId(), "org-someone-else")) + "." + parts[2];
        String otherIssuer = sign(header, claims.replace("\"iss\":\"aragora\"", "\"iss\":\"evil\""), secret);
        String otherAudience = sign(header, claims.replace("aragora-api", "other-api"), secret);
        String untyped = sign("{\"alg\":\"HS256\"}", claims, secret);
        String hs512 = signWith("HmacSHA512", "{\"alg\":\"HS512\",\"typ\":\"at+jwt\"}", claims, secret);
        for (String token : List.of(none, wrongKey, expired, tampered, otherIssuer, otherAudience, untyped, hs512,
                victim.refreshToken(), "garbage", "a.b.c")) {
            HttpResponse<String> r = get("/api/v1/auth/me", token);
            assertThat(r.statusCode()).as(token).isEqualTo(401);
            assertThat(r.body()).contains("\"code\":\"unauthorized\"",
                    "\"trace_id\":\"" + r.headers().firstValue("X-Request-ID").orElseThrow() + "\"").doesNotContain(victim.email());
            assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        }
        assertThat(post("/api/v1/auth/refresh", "{\"refresh_token\":\"" + victim.accessToken() + "\"}", null).statusCode())
                .as("an access token is no refresh token").isEqualTo(401);
        assertThat(get("/api/metrics").body()).containsPattern("aragora_auth_failures_total\\{reason=\"expired\",} [1-9]")
                .containsPattern("aragora_auth_failures_total\\{reason=\"bad_signature\",} [1-9]");
    }

    @Test
    public void refreshIssuesANewPairAndLogoutEndsEverySession() throws Exception {
        Account a = register("dora");
        HttpResponse<String> refreshed = post("/api/v1/auth/refresh", "{\"refresh_token\":\"" + a.refreshToken() + "\"}", null);
        assertThat(refreshed.statusCode()).isEqualTo(200);
        String access = text(refreshed.body(), "access_token");
        assertThat(get("/api/v1/auth/me", access).statusCode()).isEqualTo(200);

        assertThat(post("/api/v1/auth/logout", null, access).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/auth/me", access).statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/auth/me", a.accessToken()).statusCode()).isEqualTo(401);
        assertThat(post("/api/v1/auth/refresh", "{\"refresh_token\":\"" + a.refreshToken() + "\"}", null).statusCode()).isEqualTo(401);
        HttpResponse<String> again = post("/api/v1/auth/login", credentials(a.email(), PASSWORD), null);
        assertThat(get("/api/v1/auth/me", text(again.body(), "access_token")).statusCode()).isEqualTo(200);
    }

    @Test
    public void apiKeysAreShownOnceStoredAsAHashAndRevocable() throws Exception {
        Account a = register("erin");
        HttpResponse<String> created = post("/api/v1/auth/api-key", null, a.accessToken());
        assertThat(created.statusCode()).isEqualTo(201);
        String key = text(created.body(), "api_key");
        String id = text(created.body(), "id");
        assertThat(key).startsWith("ara_");
        HttpResponse<String> me = get("/api/v1/auth/me", key);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains("\"kind\":\"api_key\"", "\"id\":\"" + a.userId() + "\"");

        HttpResponse<String> listed = get("/api/v1/auth/api-keys", a.accessToken());
        assertThat(listed.body()).contains(id).doesNotContain(key);
        try (Stream<Path> files = Files.walk(Path.of(launched().dataDir()))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as(f.toString()).doesNotContain(key);
            }
        }

        Account other = register("eve");
        assertThat(call("DELETE", "/api/v1/auth/api-key?id=" + id, null, other.accessToken()).statusCode())
                .as("another org's key looks like no key").isEqualTo(404);
        assertThat(call("DELETE", "/api/v1/auth/api-key?id=" + id, null, a.accessToken()).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/auth/me", key).statusCode()).isEqualTo(401);
        assertThat(call("DELETE", "/api/v1/auth/api-key?id=" + id, null, a.accessToken()).statusCode()).isEqualTo(409);
        assertThat(call("DELETE", "/api/v1/auth/api-key", null, a.accessToken()).statusCode()).isEqualTo(400);
    }

    /** X-User-ID and friends are a service's to send: from anyone else they change nothing. */
    @Test
    public void serviceHeadersCountOnlyForServicePrincipals() throws Exception {
        Account a = register("frank");
        HttpResponse<String> ignored = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(api("/api/v1/auth/me")))
                .header("Authorization", "Bearer " + a.accessToken()).header("X-User-ID", "usr-admin")
                .header("X-Org-ID", "org-other").header("X-User-Roles", "owner").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ignored.body()).contains("\"id\":\"" + a.userId() + "\"").doesNotContain("usr-admin", "org-other");

        HttpResponse<String> alone = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(api("/api/v1/auth/me")))
                .header("X-User-ID", "usr-admin").header("X-Org-ID", "org-other").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(alone.statusCode()).isEqualTo(401);

        HttpResponse<String> onBehalf = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(api("/api/v1/auth/me")))
                .header("Authorization", "Bearer " + adminToken()).header("X-User-ID", "usr-42")
                .header("X-Org-ID", "org-42").header("X-User-Roles", "viewer,owner").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(onBehalf.statusCode()).isEqualTo(200);
        assertThat(onBehalf.body()).contains("\"id\":\"usr-42\"", "\"org_id\":\"org-42\"", "\"kind\":\"service\"", "\"debates.read\"")
                .doesNotContain("\"*\"", "debates.create");
    }

    @Test
    public void healthDetailNeedsThePermission() throws Exception {
        Account viewerless = register("gina");
        assertThat(get("/api/v1/health").body()).contains("\"status\"").doesNotContain("\"components\"");
        assertThat(get("/api/v1/health", adminToken()).body()).contains("\"components\"", "\"http\"", "\"database\"");
        assertThat(get("/api/v1/health", viewerless.accessToken()).body()).contains("\"components\"");
        assertThat(get("/api/metrics").body()).contains("aragora_rbac_permission_checks_total");
    }

    /** Secrets reach their components as private properties: no service, console page or DTO shows them. */
    @Test
    public void noServiceCarriesASecretAsAProperty() throws Exception {
        String jwt = Files.readString(Path.of(launched().dataDir(), "state", "jwt_secret")).trim();
        String session = Files.readString(Path.of(launched().dataDir(), "state", "session_secret")).trim();
        org.osgi.framework.ServiceReference<?>[] all = context.getAllServiceReferences(null, null);
        assertThat(all).hasSizeGreaterThan(50);
        for (org.osgi.framework.ServiceReference<?> ref : all) {
            for (String key : ref.getPropertyKeys()) {
                String value = java.util.Arrays.deepToString(new Object[] {ref.getProperty(key)});
                assertThat(value).as(key + " of " + ref).doesNotContain(adminToken(), jwt, session);
            }
        }
    }

    private static void assertProblem(HttpResponse<String> r, int status, String words) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(text(r.body(), "error")).containsIgnoringCase(words);
    }

    private static String credentials(String email, String password) {
        return "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String sign(String header, String claims, String secret) throws Exception {
        return signWith("HmacSHA256", header, claims, secret);
    }

    private static String signWith(String mac, String header, String claims, String secret) throws Exception {
        String input = b64(header) + "." + b64(claims);
        Mac hmac = Mac.getInstance(mac);
        hmac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), mac));
        return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(hmac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }
}
