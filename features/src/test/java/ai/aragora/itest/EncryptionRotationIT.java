package ai.aragora.itest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;


import ai.aragora.api.crypto.Envelope;
import ai.aragora.api.storage.IntegrationRecord;
import ai.aragora.itest.Distribution.Run;
import ai.aragora.itest.filekeys.FileKeyFieldEncryption;
import ai.aragora.itest.support.TestDatabase;

/**
 * Key rotation on the distribution (PostgreSQL): {@code aragora encrypt-existing} killed with SIGKILL halfway
 * and run again leaves every credential sealed once under the active key; two servers on one
 * PostgreSQL rotate keys one restart at a time while serving, and nothing becomes unreadable.
 */
class EncryptionRotationIT {

    static final String KEY_A = "a1".repeat(32);
    static final String KEY_B = "b2".repeat(32);
    static final String KEY_C = "c3".repeat(32);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopWhatWeStarted() throws InterruptedException {
        Distribution.stopAll(started);
    }

    private Run aragora(Path data, Map<String, String> env, String... args) throws IOException, InterruptedException {
        return Distribution.run(data, env, started, args);
    }

    /** Opens envelopes as the providers do, with the keys given. */
    private static FileKeyFieldEncryption opener(Path dir, String... hexKeys) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(FileKeyFieldEncryption.FILE), String.join("\n", hexKeys) + "\n");
        return new FileKeyFieldEncryption(new FileKeyFieldEncryption.ServerDirs() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return FileKeyFieldEncryption.ServerDirs.class;
            }

            @Override
            public String state_dir() {
                return dir.toString();
            }
        });
    }

    private static String keyId(String hex) throws Exception {
        return FileKeyFieldEncryption.id(HexFormat.of().parseHex(hex));
    }

    private static Connection connect(String url) throws Exception {
        java.util.Properties props = new java.util.Properties();
        props.setProperty("user", "postgres");
        return DriverManager.getConnection("jdbc:" + url.replace("postgres@", ""), props);
    }

    /** The envelope stored for {@code field} in a credentials column, read without a JSON library. */
    private static Envelope envelope(String credentials, String field) {
        Matcher object = Pattern.compile("\"" + field + "\":\\{([^}]*)\\}").matcher(credentials);
        assertThat(object.find()).as("%s sealed in %s", field, credentials).isTrue();
        return new Envelope(1, member(object.group(1), "alg"), member(object.group(1), "kid"),
                Base64.getDecoder().decode(member(object.group(1), "nonce")), Base64.getDecoder().decode(member(object.group(1), "ct")));
    }

    private static String member(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
        assertThat(m.find()).as("%s in %s", name, json).isTrue();
        return m.group(1);
    }

    @Test
    void encryptExistingKilledHalfwayAndRunAgainSealsEveryFieldOnce() throws Exception {
        Path data = Distribution.newDataDir("encrypt-kill");
        String url = TestDatabase.create();
        Map<String, String> env = Map.of("ARAGORA_STORAGE_MODE", "postgres", "DATABASE_URL", url, "ARAGORA_ENCRYPTION_KEY", KEY_A);
        Run migrate = aragora(data, env, "migrate", "apply");
        assertThat(migrate.status()).as(migrate.out() + migrate.err()).isZero();
        int records = 3000;
        // credentials as a server before encryption wrote them: plaintext
        try (Connection c = connect(url);
                PreparedStatement insert = c.prepareStatement("INSERT INTO integrations (org_id, id, type, name, enabled, settings,"
                        + " credentials, created_ns, updated_ns) VALUES (?, 'slack', 'slack', 'Slack', 1, '{}', ?, 0, 0)")) {
            c.setAutoCommit(false);
            for (int i = 0; i < records; i++) {
                insert.setString(1, String.format("org%05d", i));
                insert.setString(2, "{\"api_key\":\"plain-" + i + "\",\"client_secret\":\"cs-" + i + "\"}");
                insert.addBatch();
            }
            insert.executeBatch();
            c.commit();
        }

        Path err = data.resolve("killed.err");
        Process run = Distribution.aragora(data, env, "encrypt-existing", "--all", "--execute", "--batch-size", "20")
                .redirectOutput(data.resolve("killed.out").toFile()).redirectError(err.toFile()).start();
        started.add(run);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (run.isAlive() && System.nanoTime() < deadline
                && !(Files.exists(err) && Files.readString(err).contains("integration-store: "))) {
            Thread.sleep(20);
        }
        assertThat(run.isAlive()).as("still running after its first progress line").isTrue();
        run.destroyForcibly();
        assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();

        Run between = aragora(data, env, "encryption", "status");
        assertThat(between.out()).as("some sealed, some left").containsPattern("integration-store: 6000 fields, [1-9]\\d* under "
                + keyId(KEY_A) + ", [1-9]\\d* plaintext");

        Run rerun = aragora(data, env, "encrypt-existing", "--all", "--execute");
        assertThat(rerun.status()).as(rerun.out() + rerun.err()).isZero();
        assertThat(rerun.out()).contains("already under the active key").doesNotContain("unreadable");
        Run verified = aragora(data, env, "encryption", "status", "--verify");
        assertThat(verified.status()).as(verified.out() + verified.err()).isZero();
        assertThat(verified.out()).contains("integration-store: 6000 fields, 6000 under " + keyId(KEY_A) + ", 0 plaintext; 0 left",
                "all readable");

        FileKeyFieldEncryption open = opener(data.resolve("verify"), KEY_A);
        try (Connection c = connect(url); ResultSet rs = c.createStatement().executeQuery("SELECT org_id, credentials FROM integrations")) {
            int n = 0;
            while (rs.next()) {
                String org = rs.getString(1);
                int i = Integer.parseInt(org.substring(3));
                assertThat(open.decrypt(envelope(rs.getString(2), "api_key"), IntegrationRecord.credential(org, "slack", "api_key")))
                        .as("sealed once").isEqualTo("plain-" + i);
                assertThat(open.decrypt(envelope(rs.getString(2), "client_secret"),
                        IntegrationRecord.credential(org, "slack", "client_secret"))).isEqualTo("cs-" + i);
                n++;
            }
            assertThat(n).isEqualTo(records);
        }
    }

    @Test
    void aBadOrMissingKeyStopsTheStartNamingTheVariableNeverTheValue() throws Exception {
        Path data = Distribution.newDataDir("bad-key");
        String almost = "9f".repeat(31) + "zz";
        Run malformed = aragora(data, Map.of("ARAGORA_ENCRYPTION_KEY", KEY_A + "," + almost), "encryption", "status");
        assertThat(malformed.status()).isEqualTo(2);
        assertThat(malformed.err()).contains("ARAGORA_ENCRYPTION_KEY", "key 2 of 2").doesNotContain("9f9f").doesNotContain(KEY_A);
        Run production = aragora(data, Map.of("ARAGORA_ENV", "production", "ARAGORA_JWT_SECRET", "j".repeat(40)), "encryption", "status");
        assertThat(production.status()).isEqualTo(2);
        assertThat(production.err()).contains("ARAGORA_ENCRYPTION_KEY is required when ARAGORA_ENV=production", "not be recoverable");
    }

    /** One server process; restarted with other keys on the same data dir and database. */
    private final class Server {
        final Path data;
        final String url;
        int port;
        Process process;

        Server(String name, String url) throws IOException {
            this.data = Distribution.newDataDir(name);
            this.url = url;
        }

        void start(String keys) throws Exception {
            port = Distribution.freePort();
            Map<String, String> env = new HashMap<>(Map.of("ARAGORA_STORAGE_MODE", "postgres", "DATABASE_URL", url,
                    "ARAGORA_ENCRYPTION_KEY", keys, "ARAGORA_FEATURES", "core,http,postgres"));
            process = Distribution.aragora(data, env, "serve", "--api-port", String.valueOf(port), "--ws-port",
                    String.valueOf(Distribution.freePort())).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolve("out.log").toFile())).start();
            started.add(process);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (System.nanoTime() < deadline) {
                HttpResponse<String> ready = send("GET", "/readyz", null);
                if (ready != null && ready.statusCode() == 200) {
                    return;
                }
                assertThat(process.isAlive()).as("server on %s: %s", data, Files.readString(data.resolve("out.log"))).isTrue();
                Thread.sleep(100);
            }
            throw new AssertionError("server on " + data + " not ready");
        }

        void stop() throws InterruptedException {
            process.destroy();
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        }

        void restart(String keys) throws Exception {
            stop();
            start(keys);
        }

        HttpResponse<String> send(String method, String path, String body) {
            try {
                String token = Files.readString(data.resolve("state/admin_token")).strip();
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + token)
                        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
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

        void write(int i) {
            HttpResponse<String> r = send("PUT", "/api/v1/integrations/github?org=org" + i, "{\"access_token\":\"gho-" + i + "\"}");
            assertThat(r).isNotNull();
            assertThat(r.statusCode()).as(r.body()).isIn(200, 201);
        }

        void assertReadable(int records) {
            for (int i = 0; i < records; i++) {
                HttpResponse<String> r = send("POST", "/api/v1/integrations/github/test?org=org" + i, null);
                assertThat(r.body()).as("org%d through %s", i, data).contains("\"success\":true");
            }
        }
    }

    @Test
    void twoServersOnOnePostgresRotateKeysOneRestartAtATime() throws Exception {
        String url = TestDatabase.create();
        Server one = new Server("rotate-1", url);
        Server two = new Server("rotate-2", url);
        one.start(KEY_A);
        two.start(KEY_A);
        int written = 0;
        for (; written < 10; written++) {
            (written % 2 == 0 ? one : two).write(written);
        }

        // the new key becomes known everywhere before anyone encrypts with it
        one.restart(KEY_A + "," + KEY_B);
        two.restart(KEY_A + "," + KEY_B);
        // then it becomes the active key, one server at a time, writes going on
        one.restart(KEY_B + "," + KEY_A);
        one.write(written++);
        two.assertReadable(written);
        two.restart(KEY_B + "," + KEY_A);
        two.write(written++);
        one.assertReadable(written);

        Path cli = Distribution.newDataDir("rotate-cli");
        Map<String, String> cliEnv = Map.of("ARAGORA_STORAGE_MODE", "postgres", "DATABASE_URL", url,
                "ARAGORA_ENCRYPTION_KEY", KEY_B + "," + KEY_A);
        Run migration = aragora(cli, cliEnv, "encrypt-existing", "--all", "--execute");
        assertThat(migration.status()).as(migration.out() + migration.err()).isZero();
        assertThat(migration.out()).contains("re-sealed from old keys");

        // the old key goes, one server at a time
        one.restart(KEY_B);
        two.restart(KEY_B);
        one.assertReadable(written);
        two.assertReadable(written);
        Run status = aragora(cli, Map.of("ARAGORA_STORAGE_MODE", "postgres", "DATABASE_URL", url, "ARAGORA_ENCRYPTION_KEY", KEY_B),
                "encryption", "status", "--verify");
        assertThat(status.status()).as(status.out() + status.err()).isZero();
        assertThat(status.out()).contains(written + " under " + keyId(KEY_B), "0 plaintext; 0 left", "all readable");

        // a key nobody configures: every field names the key it needs, nothing crashes
        Run wrongKey = aragora(cli, Map.of("ARAGORA_STORAGE_MODE", "postgres", "DATABASE_URL", url, "ARAGORA_ENCRYPTION_KEY", KEY_C),
                "encryption", "status", "--verify");
        assertThat(wrongKey.status()).isEqualTo(1);
        assertThat(wrongKey.out()).contains(written + " under " + keyId(KEY_B) + " (key not configured: unreadable)",
                written + " unknown_key");
        two.restart(KEY_C);
        HttpResponse<String> unreadable = two.send("POST", "/api/v1/integrations/github/test?org=org0", null);
        assertThat(unreadable.statusCode()).isEqualTo(200);
        assertThat(unreadable.body()).contains("\"success\":false", "\"key_id\":\"" + keyId(KEY_B) + "\"");
    }
}
