package ai.aragora.itest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ai.aragora.itest.Distribution.Run;
import ai.aragora.itest.filekeys.FileKeyFieldEncryption;
import ai.aragora.itest.support.TestDatabase;

/**
 * {@code aragora encrypt-existing --webhook-secrets} from the command line, on SQLite and on
 * PostgreSQL: signing secrets stored under key A are re-sealed under B while the server serves on
 * {@code B,A}; afterwards a server with B alone signs with the same secrets. Bad input is a usage
 * error or a refusal that never prints a secret.
 */
class WebhookSecretRotationIT {

    static final String KEY_A = "a1".repeat(32);
    static final String KEY_B = "b2".repeat(32);
    static final String KEY_C = "c3".repeat(32);
    private static final Pattern KID = Pattern.compile("\"kid\":\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopWhatWeStarted() throws InterruptedException {
        Distribution.stopAll(started);
    }

    /** Where the test's stores are: the data dir, and the database when it is PostgreSQL. */
    private record Setup(Path data, String store, String databaseUrl) {

        static Setup of(String store) throws Exception {
            return new Setup(Distribution.newDataDir("webhook-secrets-" + store), store,
                    "postgres".equals(store) ? TestDatabase.create() : null);
        }

        Map<String, String> env(String keys) {
            Map<String, String> env = new HashMap<>(Map.of("ARAGORA_STORAGE_MODE", store));
            if (databaseUrl != null) {
                env.put("DATABASE_URL", databaseUrl);
            }
            if (keys != null) {
                env.put("ARAGORA_ENCRYPTION_KEY", keys);
            }
            return env;
        }

        /** The distribution's SQLite driver, in a loader of its own: the test side has none (only bundles carry it). */
        private static Driver sqliteDriver() throws Exception {
            Path jar;
            try (Stream<Path> files = Files.walk(Distribution.home().resolve("bundles/org/xerial/sqlite-jdbc"))) {
                jar = files.filter(f -> f.toString().endsWith(".jar")).findFirst().orElseThrow();
            }
            ClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            return (Driver) loader.loadClass("org.sqlite.JDBC").getDeclaredConstructor().newInstance();
        }

        Connection connect() throws Exception {
            if (databaseUrl == null) {
                return sqliteDriver().connect("jdbc:sqlite:" + data.resolve("aragora.db"), new Properties());
            }
            Properties props = new Properties();
            props.setProperty("user", "postgres");
            return DriverManager.getConnection("jdbc:" + databaseUrl.replace("postgres@", ""), props);
        }
    }

    private Run aragora(Setup setup, String keys, String... args) throws IOException, InterruptedException {
        return aragora(setup.data(), setup.env(keys), args);
    }

    private Run aragora(Path data, Map<String, String> env, String... args) throws IOException, InterruptedException {
        return Distribution.run(data, env, started, args);
    }

    private static String keyId(String hex) throws GeneralSecurityException {
        return FileKeyFieldEncryption.id(HexFormat.of().parseHex(hex));
    }

    /** The key id of every sealed secret in the table, by subscription. */
    private static Map<String, List<String>> keyIds(Setup setup) throws Exception {
        Map<String, List<String>> out = new LinkedHashMap<>();
        try (Connection c = setup.connect();
                ResultSet rs = c.createStatement().executeQuery("SELECT id, secrets FROM webhook_subscriptions ORDER BY id")) {
            while (rs.next()) {
                List<String> kids = new ArrayList<>();
                Matcher m = KID.matcher(rs.getString(2));
                while (m.find()) {
                    kids.add(m.group(1));
                }
                out.put(rs.getString(1), kids);
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void secretsUnderAnOldKeyAreResealedFromTheCommandLineAndStillSign(String store) throws Exception {
        Setup setup = Setup.of(store);
        int port = Distribution.freePort();
        try (LoopbackLlm receiver = new LoopbackLlm(port, r -> new LoopbackLlm.Response(200, "ok"))) {
            Server server = new Server(setup);
            server.start(KEY_A);
            String token = server.register();
            Map<String, String> secrets = new LinkedHashMap<>();
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> created = server.send("POST", "/api/v1/webhooks", "{\"url\":\"http://127.0.0.1:" + port
                        + "/hook-" + i + "\",\"events\":[\"webhook.test\"]}", token);
                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
                secrets.put(text(created.body(), "webhook_id"), text(created.body(), "secret"));
            }
            // one subscription with two stored secrets: the new one, and the old one in its overlap
            String rotatedId = secrets.keySet().iterator().next();
            HttpResponse<String> rotated = server.send("POST", "/api/v1/webhooks/" + rotatedId + "/rotate-secret", "", token);
            assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
            secrets.put(rotatedId, text(rotated.body(), "secret"));
            Map<String, List<String>> underA = keyIds(setup);
            assertThat(underA.values().stream().flatMap(List::stream)).hasSize(4).containsOnly(keyId(KEY_A));

            // B becomes the active key; the command runs beside the serving server
            server.restart(KEY_B + "," + KEY_A);
            Run dry = aragora(setup, KEY_B + "," + KEY_A, "encrypt-existing", "--webhook-secrets");
            assertThat(dry.status()).as(dry.all()).isZero();
            assertThat(dry.out()).contains("webhook-secrets: 4 fields; 0 plaintext would be sealed, 4 would be re-sealed from old keys",
                    "dry run: nothing changed");
            assertThat(keyIds(setup)).as("a dry run touches nothing").isEqualTo(underA);

            Run execute = aragora(setup, KEY_B + "," + KEY_A, "encrypt-existing", "--webhook-secrets", "--execute");
            assertThat(execute.status()).as(execute.all()).isZero();
            assertThat(execute.out()).contains("webhook-secrets: 4 fields; 0 plaintext sealed, 4 re-sealed from old keys");
            assertThat(keyIds(setup).values().stream().flatMap(List::stream)).hasSize(4).containsOnly(keyId(KEY_B));
            Run again = aragora(setup, KEY_B + "," + KEY_A, "encrypt-existing", "--webhook-secrets", "--execute");
            assertThat(again.out()).as("sealed once").contains("0 re-sealed from old keys, 4 already under the active key");

            // the old key goes: every secret opens under B alone and still signs
            server.restart(KEY_B);
            Run status = aragora(setup, KEY_B, "encryption", "status", "--verify");
            assertThat(status.status()).as(status.all()).isZero();
            assertThat(status.out()).contains("webhook-secrets: 4 fields, 4 under " + keyId(KEY_B) + ", 0 plaintext; 0 left",
                    "webhook-secrets: opened every sealed field: all readable");
            for (String id : secrets.keySet()) {
                assertThat(server.send("POST", "/api/v1/webhooks/" + id + "/test", "", token).statusCode()).isEqualTo(202);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (receiver.seen.size() < secrets.size() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(receiver.seen).hasSize(secrets.size());
            int i = 0;
            for (String secret : secrets.values()) {
                String path = "/hook-" + i++;
                LoopbackLlm.Request delivered = receiver.seen.stream().filter(r -> r.path().equals(path)).findFirst().orElseThrow();
                assertThat(delivered.header("X-Webhook-Signature")).as(path).isEqualTo("sha256=" + hmac(secret, delivered.body()));
            }
            for (Run run : List.of(dry, execute, again, status)) {
                secrets.values().forEach(secret -> assertThat(run.all()).doesNotContain(secret));
            }
        }
    }

    @Test
    void badInputIsAClearErrorThatPrintsNoSecret() throws Exception {
        Setup setup = Setup.of("sqlite");
        int port = Distribution.freePort();
        Server server = new Server(setup);
        server.start(KEY_A, ",webconsole");
        String token = server.register();
        HttpResponse<String> created = server.send("POST", "/api/v1/webhooks", "{\"url\":\"http://127.0.0.1:" + port + "/hook\"}",
                token);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String secret = text(created.body(), "secret");
        HttpResponse<String> metrics = server.send("GET", "/api/metrics", null, server.adminToken());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("aragora_encryption_key_encryptions{key_id=\"" + keyId(KEY_A)).doesNotContain(KEY_A);
        // the key's configuration as the operator's console shows it: masked
        for (String page : List.of("/system/console/configMgr/ai.aragora.crypto.aesgcm", "/system/console/status-Configurations.txt")) {
            HttpResponse<String> shown = server.console(page);
            assertThat(shown.statusCode()).as(page).isEqualTo(200);
            assertThat(shown.body()).as(page).contains("ai.aragora.crypto.aesgcm").doesNotContain(KEY_A);
        }
        server.stop();
        assertThat(Files.readString(setup.data().resolve("server.log"))).as("the server's log").isNotBlank()
                .doesNotContain(KEY_A).doesNotContain(secret);

        Run unknownFlag = aragora(setup, KEY_A, "encrypt-existing", "--webhook-secret", "--execute");
        assertThat(unknownFlag.status()).as(unknownFlag.all()).isEqualTo(2);
        assertThat(unknownFlag.err()).contains("aragora encrypt-existing: ", "--webhook-secret", "usage: aragora encrypt-existing");

        Run noKey = aragora(setup.data(), Map.of("ARAGORA_ENV", "production", "ARAGORA_JWT_SECRET", "j".repeat(40)),
                "encrypt-existing", "--webhook-secrets");
        assertThat(noKey.status()).as(noKey.all()).isEqualTo(2);
        assertThat(noKey.err()).contains("ARAGORA_ENCRYPTION_KEY is required when ARAGORA_ENV=production");

        Run wrongKey = aragora(setup, KEY_C, "encrypt-existing", "--webhook-secrets", "--execute");
        assertThat(wrongKey.status()).as(wrongKey.all()).isEqualTo(1);
        assertThat(wrongKey.out()).contains("webhook-secrets: 1 fields; 0 plaintext sealed, 0 re-sealed from old keys",
                "1 unreadable (unknown_key); sealed under keys not configured: " + keyId(KEY_A));
        assertThat(keyIds(setup).values().stream().flatMap(List::stream)).as("nothing rewritten").containsOnly(keyId(KEY_A));

        for (Run run : List.of(unknownFlag, noKey, wrongKey)) {
            assertThat(run.all()).doesNotContain(secret).doesNotContain("whsec_").doesNotContain(KEY_A).doesNotContain(KEY_C);
        }
    }

    private static String text(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        assertThat(m.find()).as("%s in %s", field, json).isTrue();
        return m.group(1);
    }

    private static String hmac(String secret, String body) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    /** One server with webhooks on the setup's store, restarted with other keys on the same data. */
    private final class Server {
        final Setup setup;
        int port;
        Process process;

        Server(Setup setup) {
            this.setup = setup;
        }

        void start(String keys) throws Exception {
            start(keys, "");
        }

        void start(String keys, String moreFeatures) throws Exception {
            port = Distribution.freePort();
            Map<String, String> env = setup.env(keys);
            env.put("ARAGORA_FEATURES", "core,http," + setup.store() + ",webhooks" + moreFeatures);
            env.put("ARAGORA_WEBHOOK_ALLOWED_HOSTS", "127.0.0.1");
            process = Distribution.aragora(setup.data(), env, "serve", "--api-port", String.valueOf(port), "--ws-port",
                    String.valueOf(Distribution.freePort())).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(setup.data().resolve("server.log").toFile())).start();
            started.add(process);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (System.nanoTime() < deadline) {
                HttpResponse<String> ready = send("GET", "/readyz", null, null);
                if (ready != null && ready.statusCode() == 200) {
                    return;
                }
                assertThat(process.isAlive()).as("server: %s", Files.readString(setup.data().resolve("server.log"))).isTrue();
                Thread.sleep(100);
            }
            throw new AssertionError("server on " + setup.data() + " not ready");
        }

        void stop() throws InterruptedException {
            process.destroy();
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        }

        void restart(String keys) throws Exception {
            stop();
            start(keys);
        }

        /** A new account owning a new org; its access token. */
        String register() {
            HttpResponse<String> r = send("POST", "/api/v1/auth/register", "{\"email\":\"hooks-" + System.nanoTime()
                    + "@example.test\",\"password\":\"correct horse battery staple\"}", null);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            return text(r.body(), "access_token");
        }

        String adminToken() throws IOException {
            return Files.readString(setup.data().resolve("state/admin_token")).strip();
        }

        /** A console page, as the admin. */
        HttpResponse<String> console(String path) throws Exception {
            String admin = adminToken();
            String basic = Base64.getEncoder().encodeToString(("admin:" + admin).getBytes(StandardCharsets.UTF_8));
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20))
                    .header("Authorization", "Basic " + basic).GET().build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> send(String method, String path, String body, String token) {
            try {
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(20))
                        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
                if (token != null) {
                    b.header("Authorization", "Bearer " + token);
                }
                if (body != null) {
                    b.header("Content-Type", "application/json");
                }
                return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
