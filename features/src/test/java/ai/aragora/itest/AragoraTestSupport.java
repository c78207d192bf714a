package ai.aragora.itest;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.frameworkStartLevel;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemPackages;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import javax.inject.Inject;

import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.ProbeBuilder;
import org.ops4j.pax.exam.TestProbeBuilder;
import org.osgi.framework.BundleContext;

import ai.aragora.itest.seed.ConfigurationSeeder;
import ai.aragora.itest.support.TestBundles;
import ai.aragora.launcher.LaunchPlan;

/**
 * Boots the framework the way the launcher does, inside Pax Exam: the same framework
 * properties, the bundles of the named features at their start levels, and the launcher's
 * configurations handed to Configuration Admin at start level 1 before the rest starts.
 * Subclasses name their features and test over HTTP and through the framework.
 */
public abstract class AragoraTestSupport {

    private static final String PLAN = "aragora.itest.plan";

    @Inject
    protected BundleContext context;

    protected final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The features this test boots. */
    protected abstract List<String> features();

    /** Extra environment for the launch plan (ARAGORA_* variables). */
    protected Map<String, String> environment() {
        return Map.of();
    }

    /** What the probe needs to know about the plan; a file, because the probe has its own class loader. */
    public record ProbeView(int apiPort, int wsPort, String dataDir, String adminToken) implements Serializable {
    }

    /**
     * The probe carries the test classes only: the test-side helpers (bnd, the launcher) and the
     * seeding bundle's classes stay outside the framework.
     */
    @ProbeBuilder
    public TestProbeBuilder probe(TestProbeBuilder probe) {
        probe.ignorePackageOf(TestBundles.class, ConfigurationSeeder.class);
        probe.setHeader(org.osgi.framework.Constants.IMPORT_PACKAGE, "*;resolution:=optional");
        probe.setHeader(org.osgi.framework.Constants.DYNAMICIMPORT_PACKAGE, "*");
        return probe;
    }

    /** Until the logging bundle bridges it, java.util.logging chatter stays quiet, as under the launcher. */
    private static final java.util.logging.Logger JUL_ROOT = java.util.logging.Logger.getLogger("");

    @Configuration
    public Option[] configuration() throws Exception {
        JUL_ROOT.setLevel(java.util.logging.Level.WARNING);
        Path data = Distribution.newDataDir(getClass().getSimpleName());
        int apiPort = Distribution.freePort();
        int wsPort = Distribution.freePort();
        Map<String, String> env = new HashMap<>(environment());
        env.put("ARAGORA_DATA_DIR", data.toString());
        env.put("ARAGORA_TEMP_DIR", data.resolve("tmp").toString());
        env.putIfAbsent("ARAGORA_LOG_LEVEL", "WARN");
        LaunchPlan plan = LaunchPlan.prepare(Distribution.home(), env,
                Map.of("api-port", String.valueOf(apiPort), "ws-port", String.valueOf(wsPort)), features());

        Path configurations = write(data.resolve("configurations.ser"), serializable(plan.configurations()));
        Map<String, Object> auth = plan.configurations().get("ai.aragora.auth");
        Path view = write(data.resolve("probe-view.ser"),
                new ProbeView(apiPort, wsPort, data.toString(), (String) auth.get(".admin.token")));
        Path seeder = TestBundles.build("ai.aragora.itest.seed", "1.0.0", "ai.aragora.itest.seed",
                Map.of("Bundle-Activator", "ai.aragora.itest.seed.ConfigurationSeeder"), data.resolve("seed.jar"));

        List<Option> options = new ArrayList<>();
        // Pax Exam shares its own packages through the system bundle: add ours to its list.
        options.add(systemPackages(LaunchPlan.SYSTEM_PACKAGES_EXTRA.split(",")));
        plan.frameworkProperties().forEach((k, v) -> {
            if (!k.equals(org.osgi.framework.Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA)) {
                options.add(frameworkProperty(k).value(v));
            }
        });
        plan.systemProperties().forEach((k, v) -> options.add(systemProperty(k).value(v)));
        options.add(systemProperty(PLAN).value(view.toString()));
        options.add(systemProperty(ConfigurationSeeder.CONFIGURATIONS_FILE).value(configurations.toString()));
        options.add(bundle(seeder.toUri().toString()).startLevel(1).start());
        for (LaunchPlan.PlannedBundle b : plan.bundles()) {
            options.add(bundle(b.jar().toUri().toString()).startLevel(b.startLevel()).start(!b.fragment()));
        }
        options.add(frameworkStartLevel(Math.max(plan.maxStartLevel(), org.ops4j.pax.exam.Constants.START_LEVEL_TEST_BUNDLE)));
        options.add(junitBundles());
        options.add(bundle(testClasspathJar("byte-buddy")).startLevel(4));
        options.add(bundle(testClasspathJar("assertj-core")).startLevel(4));
        return options.toArray(new Option[0]);
    }

    /** A jar on the test class path (a test library that is itself a bundle), as a URL. */
    private static String testClasspathJar(String artifactId) {
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (Path.of(entry).getFileName().toString().startsWith(artifactId + "-")) {
                return Path.of(entry).toUri().toString();
            }
        }
        throw new IllegalStateException(artifactId + " is not on the test class path");
    }

    private static Path write(Path file, Object value) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ObjectOutputStream oos = new ObjectOutputStream(out)) {
            oos.writeObject(value);
        }
        return file;
    }

    /** Configuration values as Configuration Admin takes them; lists become arrays. */
    private static LinkedHashMap<String, Map<String, Object>> serializable(Map<String, Map<String, Object>> configurations) {
        LinkedHashMap<String, Map<String, Object>> copy = new LinkedHashMap<>();
        configurations.forEach((pid, props) -> {
            LinkedHashMap<String, Object> values = new LinkedHashMap<>();
            props.forEach((k, v) -> values.put(k, v instanceof List<?> list ? list.stream().map(String::valueOf).toArray(String[]::new) : v));
            copy.put(pid, values);
        });
        return copy;
    }

    private static ProbeView view;

    /** The plan's facts, read inside the framework. */
    protected static ProbeView launched() throws IOException, ClassNotFoundException {
        if (view == null) {
            try (InputStream in = Files.newInputStream(Path.of(System.getProperty(PLAN)));
                    ObjectInputStream ois = new ObjectInputStream(in)) {
                view = (ProbeView) ois.readObject();
            }
        }
        return view;
    }

    protected String api(String path) {
        try {
            return "http://127.0.0.1:" + launched().apiPort() + path;
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    protected HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(api(path))).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    protected HttpResponse<String> get(String path, String user, String password) throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create(api(path))).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Basic " + basic).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code method path} with a JSON body (or none) and a bearer token (or none). */
    protected HttpResponse<String> call(String method, String path, String json, String bearer)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api(path))).timeout(Duration.ofSeconds(20))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    protected HttpResponse<String> get(String path, String bearer) throws IOException, InterruptedException {
        return call("GET", path, null, bearer);
    }

    protected HttpResponse<String> post(String path, String json, String bearer) throws IOException, InterruptedException {
        return call("POST", path, json, bearer);
    }

    /** A registered account: its tokens and the org its registration created. */
    protected record Account(String email, String userId, String orgId, String accessToken, String refreshToken) {
    }

    /** Registers a fresh account (each owns a new org). */
    protected Account register(String name) throws IOException, InterruptedException {
        String email = name + "-" + System.nanoTime() + "@example.test";
        HttpResponse<String> r = post("/api/v1/auth/register",
                "{\"email\":\"" + email + "\",\"password\":\"correct horse battery staple\"}", null);
        if (r.statusCode() != 201) {
            throw new AssertionError("register " + email + ": " + r.statusCode() + " " + r.body());
        }
        return new Account(email, text(r.body(), "id"), text(r.body(), "org_id"), text(r.body(), "access_token"),
                text(r.body(), "refresh_token"));
    }

    /** The first string value of {@code field} in a JSON text. */
    protected static String text(String json, String field) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + field + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new AssertionError("no \"" + field + "\" in " + json);
        }
        return m.group(1);
    }

    /** The admin token the launcher generated for this run. */
    protected static String adminToken() {
        try {
            return launched().adminToken();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends {@code request} as written (malformed on purpose, if need be) and returns the whole
     * response; for what an HTTP client library would refuse to send.
     */
    protected String raw(String request) throws IOException, ClassNotFoundException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", launched().apiPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            // the whole request is sent: a server waiting for more (a lying Content-Length) sees the end
            socket.shutdownOutput();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    /** Polls until the condition holds; fails with {@code what} after the timeout. */
    /** A one-round debate of the org on the task, run to its end by the engine in the framework. */
    protected static ai.aragora.api.debate.DebateResult debate(ai.aragora.api.debate.DebateService engine, String org, String task)
            throws Exception {
        return engine.start(ai.aragora.api.debate.DebateSpec.builder(task).orgId(org).rounds(1).build()).result().toCompletableFuture()
                .get(60, java.util.concurrent.TimeUnit.SECONDS);
    }

    protected static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
    }

    /** The status of GET {@code path}, or -1 if the server does not answer. */
    protected int status(String path) {
        try {
            return get(path).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
