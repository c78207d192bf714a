package ai.aragora.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * The deployment files work as shipped: compose files parse and wire the server to healthy
 * PostgreSQL and Redis (and {@code docker compose config} accepts them where the CLI has
 * compose); both Kubernetes variants render (their kustomizations applied here, and compared
 * with {@code kubectl kustomize} where kubectl is installed) and every object passes the
 * schema subset in {@code kubernetes/kubernetes-subset.schema.json}; {@code nginx -t} accepts
 * the nginx configuration (Debian package nginx-light, which .ci/run installs).
 */
@SuppressWarnings("unchecked")
class DeployFilesTest {

    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    private static final Path DEPLOY = ROOT.resolve("deploy");
    private static final Path KUBERNETES = DEPLOY.resolve("kubernetes");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    // ---- Docker Compose

    @Test
    void composeRunsTheServerOnHealthyPostgresAndRedisWithEveryVolumeDeclared() throws Exception {
        Map<String, Object> compose = Manifests.yaml(DEPLOY.resolve("docker-compose.yml")).get(0);
        Map<String, Object> services = Manifests.map(compose, "services");
        assertThat(services).containsKeys("aragora", "postgres", "redis");
        for (String name : List.of("aragora", "postgres", "redis")) {
            Map<String, Object> healthcheck = Manifests.map(Manifests.map(services, name), "healthcheck");
            assertThat((List<?>) healthcheck.get("test")).as(name + " health check").isNotEmpty();
            assertThat(healthcheck).as(name).containsKeys("interval", "timeout", "retries");
        }
        Map<String, Object> aragora = Manifests.map(services, "aragora");
        Map<String, Object> dependsOn = Manifests.map(aragora, "depends_on");
        for (String name : List.of("postgres", "redis")) {
            assertThat(Manifests.map(dependsOn, name)).containsEntry("condition", "service_healthy");
        }
        Map<String, Object> env = Manifests.map(aragora, "environment");
        assertThat(env).containsEntry("ARAGORA_STORAGE_MODE", "postgres").containsEntry("ARAGORA_REDIS_URL", "redis://redis:6379/0");
        assertThat((String) env.get("DATABASE_URL")).startsWith("postgresql://aragora:").endsWith("@postgres:5432/aragora");
        assertThat(Manifests.map(Manifests.map(services, "postgres"), "environment")).containsEntry("POSTGRES_DB", "aragora")
                .containsEntry("POSTGRES_USER", "aragora");
        assertThat((List<Object>) aragora.get("ports")).containsExactly("8080:8080", "8765:8765");
        assertThat(Files.readString(ROOT.resolve("Dockerfile"))).contains("EXPOSE 8080 8765");
        assertVolumesDeclared(compose);
    }

    @Test
    void theFlatOverlayPutsTheStateTierOnAVolumeOfItsOwn() throws Exception {
        Map<String, Object> flat = Manifests.yaml(DEPLOY.resolve("docker-compose.flat-mount.yml")).get(0);
        Map<String, Object> aragora = Manifests.map(Manifests.map(flat, "services"), "aragora");
        assertThat(Manifests.map(aragora, "environment")).containsEntry("ARAGORA_STATE_DIR", "/data-state");
        assertThat((List<Object>) aragora.get("volumes")).containsExactly("aragora-state:/data-state");
        assertVolumesDeclared(flat);
        Map<String, Object> base = Manifests.yaml(DEPLOY.resolve("docker-compose.yml")).get(0);
        assertThat((List<?>) Manifests.map(Manifests.map(base, "services"), "aragora").get("volumes"))
                .as("the nested layout mounts nothing at the state dir, so the overlay's volume is mounted once")
                .noneMatch(v -> v.toString().contains("state"));
    }

    @Test
    void dockerComposeAcceptsBothLayoutsWhereItsCliIsInstalled() throws Exception {
        List<String> compose = Manifests.succeeds(List.of("docker", "compose", "version")) ? List.of("docker", "compose")
                : Manifests.succeeds(List.of("docker-compose", "version")) ? List.of("docker-compose") : List.of();
        if (compose.isEmpty()) {
            // The structural checks above hold either way; the compose CLI is not part of the build.
            return;
        }
        for (List<String> files : List.of(List.of("docker-compose.yml"), List.of("docker-compose.yml", "docker-compose.flat-mount.yml"))) {
            List<String> command = new ArrayList<>(compose);
            files.forEach(f -> command.addAll(List.of("-f", DEPLOY.resolve(f).toString())));
            command.addAll(List.of("config", "--quiet"));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("POSTGRES_PASSWORD", "check");
            Manifests.Result result = Manifests.run(builder);
            assertThat(result.status()).as(String.join(" ", command) + ": " + result.output()).isZero();
        }
    }

    private static void assertVolumesDeclared(Map<String, Object> compose) {
        Set<String> declared = compose.get("volumes") == null ? Set.of() : Manifests.map(compose, "volumes").keySet();
        for (Map.Entry<String, Object> service : Manifests.map(compose, "services").entrySet()) {
            Object volumes = ((Map<?, ?>) service.getValue()).get("volumes");
            for (Object volume : volumes == null ? List.of() : (List<?>) volumes) {
                String source = volume.toString().split(":")[0];
                if (!source.startsWith(".") && !source.startsWith("/")) {
                    assertThat(declared).as(service.getKey() + " mounts named volume " + source).contains(source);
                }
            }
        }
    }

    // ---- Kubernetes

    @Test
    void everyObjectOfBothVariantsPassesTheSchema() throws Exception {
        Schema schema = kubernetesSchema();
        for (Path variant : List.of(KUBERNETES.resolve("base"), KUBERNETES.resolve("overlays/sqlite"))) {
            List<Map<String, Object>> objects = Kustomization.render(variant);
            assertThat(objects).as(variant.toString()).isNotEmpty();
            for (Map<String, Object> object : objects) {
                JsonNode node = JSON.valueToTree(object);
                assertThat(schema.validate(node)).as(variant.getFileName() + ": " + node.path("kind").asText() + " "
                        + node.path("metadata").path("name").asText()).isEmpty();
                if (!"Namespace".equals(object.get("kind"))) {
                    assertThat(Manifests.map(object, "metadata")).as("every object in the namespace aragora").containsEntry("namespace", "aragora");
                }
            }
            assertReferencesResolve(objects);
        }
    }

    @Test
    void theSchemaRefusesWhatKubernetesWouldRefuse() throws Exception {
        Schema schema = kubernetesSchema();
        Map<String, Object> deployment = Kustomization.find(Kustomization.render(KUBERNETES.resolve("base")), "Deployment", "aragora-backend");
        Map<String, Object> container = Manifests.container(deployment);
        container.put("readinesProbe", container.remove("readinessProbe"));
        assertThat(schema.validate(JSON.valueToTree(deployment))).as("a misspelt field").isNotEmpty();
        container.put("readinessProbe", container.remove("readinesProbe"));
        Manifests.map(deployment, "spec").put("replicas", "two");
        assertThat(schema.validate(JSON.valueToTree(deployment))).as("a string for a number").isNotEmpty();
    }

    @Test
    void theBaseRunsAragoraBackendOnPostgresAndRedisWithTheRunbooksProbes() throws Exception {
        List<Map<String, Object>> objects = Kustomization.render(KUBERNETES.resolve("base"));
        assertThat(Kustomization.find(objects, "Namespace", "aragora")).isNotNull();
        Map<String, Object> deployment = Kustomization.find(objects, "Deployment", "aragora-backend");
        assertThat((Integer) Manifests.map(deployment, "spec").get("replicas")).isGreaterThanOrEqualTo(2);
        Map<String, Object> container = Manifests.container(deployment);
        Map<String, Object> env = Manifests.env(container);
        assertThat(env).containsEntry("ARAGORA_STORAGE_MODE", "postgres");
        for (String secret : List.of("DATABASE_URL", "ARAGORA_REDIS_URL")) {
            assertThat(env.get(secret)).as(secret + " from the Secret").isInstanceOf(Map.class);
        }
        assertThat(Manifests.map(Manifests.map(container, "readinessProbe"), "httpGet")).containsEntry("path", "/readyz");
        assertThat(Manifests.map(Manifests.map(container, "livenessProbe"), "httpGet")).containsEntry("path", "/healthz");
        assertThat(Manifests.map(container, "resources")).containsKeys("requests", "limits");
        assertThat(Manifests.mountedClaims(deployment)).contains("aragora-audit");
        assertThat(Kustomization.find(objects, "StatefulSet", "postgres")).as("pod postgres-0 of the runbook's pg_dump").isNotNull();
        assertThat(Kustomization.find(objects, "Deployment", "redis")).isNotNull();
    }

    @Test
    void theSqliteOverlayRunsOneReplicaWithoutPostgresOrRedis() throws Exception {
        List<Map<String, Object>> objects = Kustomization.render(KUBERNETES.resolve("overlays/sqlite"));
        Map<String, Object> deployment = Kustomization.find(objects, "Deployment", "aragora-backend");
        assertThat(Manifests.map(deployment, "spec")).containsEntry("replicas", 1);
        assertThat(Manifests.map(Manifests.map(deployment, "spec"), "strategy")).isEqualTo(Map.of("type", "Recreate"));
        Map<String, Object> env = Manifests.env(Manifests.container(deployment));
        assertThat(env).containsEntry("ARAGORA_STORAGE_MODE", "sqlite").doesNotContainKeys("DATABASE_URL", "ARAGORA_REDIS_URL",
                "ARAGORA_REQUIRE_DISTRIBUTED");
        assertThat(Manifests.mountedClaims(deployment)).contains("aragora-data", "aragora-state", "aragora-audit");
        assertThat(objects).noneMatch(o -> Set.of("postgres", "redis").contains(Manifests.map(o, "metadata").get("name")));
        assertThat(Kustomization.find(objects, "CronJob", "aragora-backup")).isNotNull();
    }

    @Test
    void kubectlRendersWhatThisTestRendersWhereItIsInstalled() throws Exception {
        if (!Manifests.succeeds(List.of("kubectl", "version", "--client"))) {
            // Rendering is checked by Kustomization here; kubectl is not part of the build.
            return;
        }
        for (Path variant : List.of(KUBERNETES.resolve("base"), KUBERNETES.resolve("overlays/sqlite"))) {
            Manifests.Result result = Manifests.run(new ProcessBuilder("kubectl", "kustomize", variant.toString()));
            assertThat(result.status()).as(result.output()).isZero();
            List<Map<String, Object>> theirs = Manifests.yamlText(result.output());
            List<Map<String, Object>> ours = Kustomization.render(variant);
            assertThat(Kustomization.normalized(theirs)).as(variant.toString()).isEqualTo(Kustomization.normalized(ours));
        }
    }

    private static Schema kubernetesSchema() throws IOException {
        try (InputStream in = DeployFilesTest.class.getResourceAsStream("/kubernetes/kubernetes-subset.schema.json")) {
            JsonNode tree = JSON.readTree(in);
            Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(SchemaLocation.of(tree.path("$id").asText()), tree);
            schema.initializeValidators();
            return schema;
        }
    }

    /** Claims, Secrets, selectors and probe ports name something that exists. */
    private static void assertReferencesResolve(List<Map<String, Object>> objects) throws IOException {
        Set<String> claims = new TreeSet<>();
        objects.stream().filter(o -> "PersistentVolumeClaim".equals(o.get("kind"))).forEach(o -> claims.add((String) Manifests.map(o, "metadata").get("name")));
        String runbook = Files.readString(ROOT.resolve("docs/runbook.md"));
        for (Map<String, Object> o : objects) {
            if (!Set.of("Deployment", "StatefulSet", "CronJob").contains(o.get("kind"))) {
                continue;
            }
            Map<String, Object> pod = Manifests.podTemplate(o);
            Map<String, Object> podSpec = Manifests.map(pod, "spec");
            if (!"CronJob".equals(o.get("kind"))) {
                Map<String, Object> selector = Manifests.map(Manifests.map(Manifests.map(o, "spec"), "selector"), "matchLabels");
                assertThat(Manifests.map(Manifests.map(pod, "metadata"), "labels")).containsAllEntriesOf(selector);
            }
            for (Object v : Manifests.list(podSpec, "volumes")) {
                Map<?, ?> claim = (Map<?, ?>) ((Map<?, ?>) v).get("persistentVolumeClaim");
                if (claim != null) {
                    assertThat(claims).as("claim of " + Manifests.map(o, "metadata").get("name")).contains((String) claim.get("claimName"));
                }
            }
            for (Object c : Manifests.list(podSpec, "containers")) {
                Map<String, Object> container = Manifests.cast(c);
                Set<Object> ports = new TreeSet<>();
                Manifests.list(container, "ports").forEach(p -> ports.add(((Map<?, ?>) p).get("name")));
                for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
                    Object httpGet = container.get(probe) == null ? null : Manifests.map(container, probe).get("httpGet");
                    if (httpGet != null && ((Map<?, ?>) httpGet).get("port") instanceof String name) {
                        assertThat(ports).as(probe + " port").contains(name);
                    }
                }
                for (Object e : Manifests.list(container, "env")) {
                    Object from = ((Map<?, ?>) e).get("valueFrom");
                    if (from != null && ((Map<?, ?>) from).get("secretKeyRef") instanceof Map<?, ?> ref) {
                        assertThat(runbook.contains("--from-literal=" + ref.get("key") + "="))
                                .as("docs/runbook.md says how to create Secret key " + ref.get("key")).isTrue();
                    }
                }
            }
        }
        for (Map<String, Object> service : objects.stream().filter(o -> "Service".equals(o.get("kind"))).toList()) {
            Map<String, Object> selector = Manifests.map(Manifests.map(service, "spec"), "selector");
            assertThat(objects).as("a workload behind Service " + Manifests.map(service, "metadata").get("name"))
                    .anyMatch(o -> Set.of("Deployment", "StatefulSet").contains(o.get("kind"))
                            && Manifests.map(Manifests.map(Manifests.podTemplate(o), "metadata"), "labels").entrySet().containsAll(selector.entrySet()));
        }
    }

    // ---- nginx

    @Test
    void nginxBalancesTheApiByConnectionsAndWebSocketsByAddressOverTheWorkersPorts() throws Exception {
        String conf = Files.readString(DEPLOY.resolve("nginx/aragora.conf"));
        assertThat(upstream(conf, "aragora_api")).startsWith("least_conn;")
                .contains("127.0.0.1:8080", "127.0.0.1:8081", "127.0.0.1:8082", "127.0.0.1:8083");
        assertThat(upstream(conf, "aragora_ws")).startsWith("ip_hash;")
                .contains("127.0.0.1:8765", "127.0.0.1:8766", "127.0.0.1:8767", "127.0.0.1:8768");
        assertThat(conf).contains("proxy_set_header Upgrade $http_upgrade;", "proxy_read_timeout 300s;");
    }

    @Test
    void nginxAcceptsTheConfiguration() throws Exception {
        Optional<Path> nginx = Manifests.onPath("nginx", Path.of("/usr/sbin/nginx"));
        assertThat(nginx).as("nginx checks deploy/nginx: install it (Debian: apt-get install nginx-light; .ci/run does)").isPresent();
        Path crt = tmp.resolve("aragora.crt");
        Path key = tmp.resolve("aragora.key");
        Manifests.Result cert = Manifests.run(new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                "-subj", "/CN=aragora.example.com", "-keyout", key.toString(), "-out", crt.toString()).redirectErrorStream(true));
        assertThat(cert.status()).as(cert.output()).isZero();
        String conf = Files.readString(DEPLOY.resolve("nginx/aragora.conf"));
        assertThat(conf).contains("/etc/nginx/tls/aragora.crt", "/etc/nginx/tls/aragora.key");
        Files.writeString(tmp.resolve("aragora.conf"), conf.replace("/etc/nginx/tls/aragora.crt", crt.toString())
                .replace("/etc/nginx/tls/aragora.key", key.toString()));
        Path main = NginxConfig.wrap(tmp, "include " + tmp.resolve("aragora.conf") + ";");
        Manifests.Result test = Manifests.run(new ProcessBuilder(nginx.get().toString(), "-t", "-p", tmp.toString(), "-e",
                tmp.resolve("error.log").toString(), "-c", main.toString()).redirectErrorStream(true));
        assertThat(test.status()).as(test.output()).isZero();
        assertThat(test.output()).contains("test is successful");
    }

    private static String upstream(String conf, String name) {
        Matcher m = Pattern.compile("upstream " + name + " \\{\\s*([^}]*)}").matcher(conf);
        assertThat(m.find()).as("upstream " + name).isTrue();
        return m.group(1).strip();
    }

    /** An http block around a server configuration, with every path nginx writes inside {@code dir}. */
    static final class NginxConfig {

        private NginxConfig() {
        }

        static Path wrap(Path dir, String http) throws IOException {
            String conf = "pid " + dir.resolve("nginx.pid") + ";\n"
                    + "error_log " + dir.resolve("error.log") + ";\n"
                    + "events { worker_connections 1024; }\n"
                    + "http {\n"
                    + "  access_log " + dir.resolve("access.log") + ";\n"
                    + "  client_body_temp_path " + dir.resolve("body") + ";\n"
                    + "  proxy_temp_path " + dir.resolve("proxy") + ";\n"
                    + "  fastcgi_temp_path " + dir.resolve("fastcgi") + ";\n"
                    + "  uwsgi_temp_path " + dir.resolve("uwsgi") + ";\n"
                    + "  scgi_temp_path " + dir.resolve("scgi") + ";\n"
                    + "  " + http + "\n"
                    + "}\n";
            Path main = dir.resolve("nginx.conf");
            Files.writeString(main, conf, StandardCharsets.UTF_8);
            return main;
        }
    }
}
