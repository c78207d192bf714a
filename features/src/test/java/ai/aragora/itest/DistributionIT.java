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
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The distribution as an operator runs it: {@code bin/aragora} in a child process, its exit
 * codes, its state tier and its answer to SIGTERM.
 */
class DistributionIT {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Process> started = new ArrayList<>();
    private Path data;

    @BeforeEach
    void dataDir() throws IOException {
        data = Distribution.newDataDir("dist");
    }

    @AfterEach
    void stopWhatWeStarted() throws InterruptedException {
        Distribution.stopAll(started);
    }

    private Process aragora(Map<String, String> env, String... args) throws IOException {
        Process process = Distribution.aragora(data, env, args).redirectErrorStream(true)
                .redirectOutput(data.resolve("out-" + started.size() + ".log").toFile())
                .start();
        started.add(process);
        return process;
    }

    private String output(int index) throws IOException {
        return Files.readString(data.resolve("out-" + index + ".log"), StandardCharsets.UTF_8);
    }

    private int exit(Process p) throws InterruptedException {
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("process ended").isTrue();
        return p.exitValue();
    }

    private HttpResponse<String> get(int port, String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private HttpResponse<String> awaitHealthy(Process process, int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline && process.isAlive()) {
            HttpResponse<String> ready = get(port, "/readyz");
            if (ready != null && ready.statusCode() == 200) {
                return get(port, "/api/health");
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the server did not become ready");
    }

    private static long openJars(long pid) throws IOException {
        try (var fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
            return fds.map(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString();
                } catch (IOException e) {
                    return "";
                }
            }).filter(target -> target.endsWith(".jar")).count();
        }
    }

    @Test
    void servesHealthThenStopsCleanlyOnSigterm() throws Exception {
        int port = Distribution.freePort();
        Process server = aragora(Map.of("ARAGORA_FEATURES", "core,http,sqlite,webconsole"), "serve",
                "--api-port", String.valueOf(port), "--ws-port", String.valueOf(Distribution.freePort()));

        assertThat(awaitHealthy(server, port).body()).contains("\"status\":\"healthy\"");
        assertThat(get(port, "/readyz").statusCode()).isEqualTo(200);
        assertThat(ProcessHandle.of(server.pid()).flatMap(h -> h.info().command()).orElse(""))
                .as("the script execs the JVM, so this PID gets the signals").endsWith("java");
        assertThat(openJars(server.pid())).as("bundle JARs held open by the framework (at most 16), and the class path's")
                .isLessThanOrEqualTo(16 + 4);
        Process probe = aragora(Map.of(), "healthcheck", "--ready", "--api-port", String.valueOf(port));
        assertThat(exit(probe)).as("the container health check against the running server").isZero();

        server.destroy();
        assertThat(exit(server)).isZero();
        assertThat(output(0)).contains("stopping", "stopped");
        Process after = aragora(Map.of(), "healthcheck", "--api-port", String.valueOf(port));
        assertThat(exit(after)).isEqualTo(1);
        assertThat(output(2)).contains("healthcheck", "refused");
    }

    @Test
    void secretsAreGeneratedOnceAsPrivateFilesAndNeverLogged() throws Exception {
        int port = Distribution.freePort();
        Process first = aragora(Map.of("ARAGORA_FEATURES", "core,http,sqlite"), "serve",
                "--api-port", String.valueOf(port), "--ws-port", String.valueOf(Distribution.freePort()));
        awaitHealthy(first, port);
        first.destroy();
        assertThat(exit(first)).isZero();

        Path state = data.resolve("state");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state))).isEqualTo("rwx------");
        String token = Files.readString(state.resolve("admin_token")).strip();
        for (String secret : List.of("admin_token", "jwt_secret", "session_secret", "encryption_key")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state.resolve(secret)))).isEqualTo("rw-------");
            assertThat(output(0)).contains(state.resolve(secret).toString())
                    .doesNotContain(Files.readString(state.resolve(secret)).strip());
        }

        Process second = aragora(Map.of("ARAGORA_FEATURES", "core,http,sqlite"), "serve",
                "--api-port", String.valueOf(port), "--ws-port", String.valueOf(Distribution.freePort()));
        awaitHealthy(second, port);
        second.destroy();
        assertThat(exit(second)).isZero();
        assertThat(Files.readString(state.resolve("admin_token")).strip()).as("reused, not regenerated").isEqualTo(token);
        assertThat(output(1)).doesNotContain("generated admin_token");
    }

    @Test
    void aPortInUseIsAStartupErrorNotAServerWithoutHttp() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Process server = aragora(Map.of("ARAGORA_FEATURES", "core,http,sqlite"), "serve", "--api-port",
                    String.valueOf(taken.getLocalPort()), "--ws-port", String.valueOf(Distribution.freePort()));
            assertThat(exit(server)).isEqualTo(1);
            assertThat(output(0)).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort() + " (--api-port)");
        }
    }

    @Test
    void aStateDirOthersMayWriteIsAStartupError() throws Exception {
        Path state = Files.createDirectories(data.resolve("state"));
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwxrwxrwx"));
        Process server = aragora(Map.of(), "serve", "--api-port", String.valueOf(Distribution.freePort()));
        assertThat(exit(server)).isEqualTo(1);
        assertThat(output(0)).contains("writable by group or others", "chmod 700");
    }

    @Test
    void usageErrorsAreOneLineAndExitTwo() throws Exception {
        Process unknown = aragora(Map.of(), "frobnicate");
        assertThat(exit(unknown)).isEqualTo(2);
        assertThat(output(0).lines()).containsExactly("aragora: unknown command 'frobnicate' (try 'aragora help')");

        Process badFlag = aragora(Map.of(), "serve", "--api-port", "eighty");
        assertThat(exit(badFlag)).isEqualTo(2);
        assertThat(output(1).lines()).hasSize(1).first().asString().contains("--api-port");
    }

    @Test
    void versionAndHelp() throws Exception {
        Process version = aragora(Map.of(), "version");
        assertThat(exit(version)).isZero();
        assertThat(output(0)).startsWith("aragora 0.");
        Process help = aragora(Map.of(), "help");
        assertThat(exit(help)).isZero();
        assertThat(output(1)).contains("serve", "version");
    }

    @Test
    void theHeapStartsSmallAndACollectorInJavaOptsReplacesTheDefault() throws Exception {
        Process defaults = aragora(Map.of("JAVA_OPTS", "-XX:+PrintCommandLineFlags"), "version");
        assertThat(exit(defaults)).isZero();
        assertThat(output(0)).contains("-XX:+UseSerialGC", "-XX:InitialHeapSize=8388608").contains("aragora 0.");

        // the server keeps many debates live: G1, from a small heap it gives back when idle (the usage error ends it at once)
        Process server = aragora(Map.of("JAVA_OPTS", "-XX:+PrintCommandLineFlags"), "serve", "--no-such-option");
        assertThat(exit(server)).isEqualTo(2);
        assertThat(output(1)).contains("-XX:+UseG1GC", "-XX:InitialHeapSize=16777216", "-XX:G1PeriodicGCInterval=10000",
                "-XX:G1HeapRegionSize=1048576", "-XX:MaxHeapFreeRatio=10").doesNotContain("UseSerialGC");
        if (Runtime.version().feature() > 17 || Runtime.version().update() >= 9) {
            assertThat(output(1)).contains("-XX:TrimNativeHeapInterval=10000");
        }

        // two collectors would make the JVM refuse to start
        Process g1 = aragora(Map.of("JAVA_OPTS", "-XX:+UseG1GC -XX:+PrintCommandLineFlags"), "version");
        assertThat(exit(g1)).isZero();
        assertThat(output(2)).contains("-XX:+UseG1GC").doesNotContain("UseSerialGC").contains("aragora 0.");
    }

    @Test
    void classesComeFromTheDistributionsClassDataArchiveUnlessJavaOptsTurnsSharingOffOrTheCommandIsTheBenchmark() throws Exception {
        assertThat(Distribution.home().resolve("lib/aragora.jsa")).isNotEmptyFile();
        Process shared = aragora(Map.of("JAVA_OPTS", "-Xlog:class+load=info"), "version");
        assertThat(exit(shared)).isZero();
        assertThat(output(0)).contains("ai.aragora.launcher.Main source: shared objects file (top)");

        Process off = aragora(Map.of("JAVA_OPTS", "-Xshare:off -Xlog:class+load=info"), "version");
        assertThat(exit(off)).isZero();
        assertThat(output(1)).contains("ai.aragora.launcher.Main source: file:").doesNotContain("shared objects file");

        // the benchmark's long run would keep the relocated archive resident; its heap is bounded (the usage error ends it at once)
        Process benchmark = aragora(Map.of("JAVA_OPTS", "-XX:+PrintCommandLineFlags -Xlog:class+load=info"), "benchmark", "--no-such-option");
        assertThat(exit(benchmark)).isEqualTo(2);
        assertThat(output(2)).contains("-XX:+UseG1GC", "-XX:MaxHeapSize=566231040", "ai.aragora.launcher.Main source: file:")
                .doesNotContain("shared objects file (top)");
    }

    /**
     * The HTTP service's bundle is shipped without its optional Service Loader Mediator
     * requirements (SPI Fly would rewrite every Jetty class at each start), and with nothing else
     * of its manifest changed: a new version of the bundle that declares more must be looked at.
     */
    @Test
    void theHttpServiceBundleShipsWithoutServiceLoaderWeavingAndOtherwiseAsPublished() throws IOException {
        Path shipped;
        try (var found = Files.walk(Distribution.home().resolve("bundles/org/apache/felix/org.apache.felix.http.jetty12"))) {
            shipped = found.filter(p -> p.toString().endsWith("-with-jetty-websockets.jar")).findFirst().orElseThrow();
        }
        Attributes published = manifest(Distribution.home().resolve("../jetty12-as-published.jar")).getMainAttributes();
        Attributes ours = manifest(shipped).getMainAttributes();
        String requirements = ours.getValue("Require-Capability");
        assertThat(requirements).doesNotContain("osgi.serviceloader").contains("JakartaServlet", "osgi.ee");
        assertThat(requirements).isEqualTo(published.getValue("Require-Capability")
                .replaceAll(",osgi\\.(extender|serviceloader);filter:=\"[^\"]*\"(;[a-z]+:=[a-z]+)*", ""));
        Map<Object, Object> rest = new HashMap<>(ours);
        rest.keySet().removeAll(List.of(new Attributes.Name("Require-Capability"), new Attributes.Name("Ant-Version")));
        Map<Object, Object> publishedRest = new HashMap<>(published);
        publishedRest.remove(new Attributes.Name("Require-Capability"));
        assertThat(rest).isEqualTo(publishedRest);
    }

    private static Manifest manifest(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest();
        }
    }
}
