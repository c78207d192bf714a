package ai.aragora.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;

import ai.aragora.launcher.spi.UsageException;

/**
 * Everything needed to boot a framework for one environment and feature set: framework
 * properties, the bundles with their start levels, and the configurations. The launcher
 * boots it with {@link Platform}; the integration tests hand the same plan to their own
 * framework, so what is tested is what runs.
 */
public final class LaunchPlan {

    /** What the system bundle exports from the launcher's class path, beyond the JDK. */
    public static final String SYSTEM_PACKAGES_EXTRA =
            "ai.aragora.launcher.spi;version=1.3.0,org.osgi.service.cm;version=1.6.1";

    /** A bundle of the plan: where its jar is and when it starts. */
    public record PlannedBundle(String id, Path jar, int startLevel) {

        /**
         * Whether it is a fragment (never started), read from its manifest: for provisioning
         * elsewhere. The framework reads every manifest as it installs the bundles, so the
         * launcher asks it instead.
         */
        public boolean fragment() {
            try (InputStream in = Files.newInputStream(jar); JarInputStream jis = new JarInputStream(in)) {
                Manifest manifest = jis.getManifest();
                return manifest != null && manifest.getMainAttributes().getValue("Fragment-Host") != null;
            } catch (IOException e) {
                throw new UncheckedIOException("bundle " + jar + " cannot be read: " + e.getMessage(), e);
            }
        }
    }

    private final Map<String, String> frameworkProperties;
    private final Map<String, String> systemProperties;
    private final List<PlannedBundle> bundles;
    private final Map<String, Map<String, Object>> configurations;

    private LaunchPlan(Map<String, String> frameworkProperties, Map<String, String> systemProperties,
            List<PlannedBundle> bundles, Map<String, Map<String, Object>> configurations) {
        this.frameworkProperties = Map.copyOf(frameworkProperties);
        this.systemProperties = Map.copyOf(systemProperties);
        this.bundles = List.copyOf(bundles);
        this.configurations = configurations;
    }

    /**
     * The plan for {@code env} (ARAGORA_* variables) and {@code features}, with the
     * distribution at {@code home}. Creates the data, bundles and audit directories and the
     * state tier's secrets, exactly as a start of the server does.
     */
    public static LaunchPlan prepare(Path home, Map<String, String> env, Map<String, String> serveOptions,
            List<String> features) throws Exception {
        Settings settings = Settings.from(env, serveOptions);
        return prepare(home, settings, features, new Log(System.err, settings.logLevel()));
    }

    static LaunchPlan prepare(Path home, Settings settings, List<String> featureNames, Log log)
            throws StartupException, UsageException {
        List<String> selected = settings.select(featureNames);
        prepareDirectories(settings);
        StateTier state = StateTier.open(settings.stateDir(), log);
        Configurations.Secrets secrets = new Configurations.Secrets(
                settings.apiToken().isPresent() ? settings.apiToken().get() : state.secret("admin_token", 32),
                settings.jwtSecret().isPresent() ? settings.jwtSecret().get() : state.secret("jwt_secret", 48),
                state.secret("session_secret", 48));
        EncryptionKeys keys = settings.encryptionKeys().isSet() ? settings.encryptionKeys() : developmentKey(state, settings);
        List<Feature> features = new ArrayList<>();
        for (String name : selected) {
            try {
                features.add(Feature.read(home.resolve("features").resolve(name + ".json")));
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            } catch (IOException e) {
                throw new StartupException("cannot read feature " + name + ": " + e.getMessage(), e);
            }
        }
        Map<String, String> system = new LinkedHashMap<>();
        system.put("logback.configurationFile", home.resolve("etc").resolve("logback.xml").toString());
        system.put("aragora.log.level", settings.logLevel());
        return new LaunchPlan(frameworkProperties(settings), system, bundles(home.resolve("bundles"), features),
                Configurations.of(settings, secrets, keys, Main.version(), features));
    }

    /** Outside production only (Settings refuses a production start without a key). */
    private static EncryptionKeys developmentKey(StateTier state, Settings settings) throws StartupException, UsageException {
        String file = "encryption_key";
        String key = state.key(file, 32, EncryptionKeys.VARIABLE + " is not set; stored credentials are encrypted with this"
                + " development key and are unreadable without this file: set " + EncryptionKeys.VARIABLE + " before storing"
                + " anything real");
        return settings.encryptionKeys().with(EncryptionKeys.parse(key, state.dir().resolve(file).toString()));
    }

    /**
     * Every feature set the launcher boots: {@code serve} by default and each bundle command.
     * The build checks that each of them resolves.
     */
    public static Map<String, List<String>> profiles() {
        Map<String, List<String>> profiles = new LinkedHashMap<>();
        profiles.put("serve", Settings.DEFAULT_FEATURES);
        List<String> withRedis = new ArrayList<>(Settings.DEFAULT_FEATURES);
        withRedis.add(RedisSettings.FEATURE);
        profiles.put("serve-redis", List.copyOf(withRedis));
        for (CommandCatalog.Spec spec : CommandCatalog.standard().all()) {
            if (spec.kind() == CommandCatalog.Kind.BUNDLE) {
                profiles.put(spec.name(), CommandCatalog.features(spec, spec.store().ever(), StorageSettings.SQLITE));
            }
        }
        return profiles;
    }

    public Map<String, String> frameworkProperties() {
        return frameworkProperties;
    }

    /** JVM-wide settings the logging backend reads; a JVM runs one server, so the launcher owns them. */
    public Map<String, String> systemProperties() {
        return systemProperties;
    }

    public List<PlannedBundle> bundles() {
        return bundles;
    }

    public Map<String, Map<String, Object>> configurations() {
        return configurations;
    }

    public int maxStartLevel() {
        return bundles.stream().mapToInt(PlannedBundle::startLevel).max().orElse(1);
    }

    private static List<PlannedBundle> bundles(Path repository, List<Feature> features) throws StartupException {
        Map<String, Feature.Bundle> unique = new LinkedHashMap<>();
        for (Feature feature : features) {
            for (Feature.Bundle b : feature.bundles()) {
                unique.merge(b.id(), b, (x, y) -> x.startOrder() <= y.startOrder() ? x : y);
            }
        }
        List<PlannedBundle> planned = new ArrayList<>();
        for (Feature.Bundle b : unique.values()) {
            Path jar = b.path(repository);
            if (!Files.isRegularFile(jar)) {
                throw new StartupException("bundle " + b.id() + " is missing from the distribution (" + jar + ")");
            }
            planned.add(new PlannedBundle(b.id(), jar, b.startOrder()));
        }
        return planned;
    }

    /**
     * Creates the data tier's directories and proves each writable with a real write: permission
     * bits do not show read-only mounts, and a directory this user cannot write would otherwise
     * surface as a storage bundle's stack trace. The message names the variable to change.
     */
    private static void prepareDirectories(Settings settings) throws StartupException {
        Map<Path, String> dirs = new LinkedHashMap<>();
        dirs.put(settings.dataDir(), "ARAGORA_DATA_DIR");
        dirs.put(settings.bundlesDir(), "ARAGORA_DATA_DIR");
        dirs.putIfAbsent(settings.auditDir(), "ARAGORA_AUDIT_DIR");
        for (Map.Entry<Path, String> dir : dirs.entrySet()) {
            String problem;
            try {
                Files.createDirectories(dir.getKey());
                Files.delete(Files.createTempFile(dir.getKey(), ".probe", ".tmp"));
                continue;
            } catch (FileAlreadyExistsException e) {
                problem = "cannot create it: " + e.getFile() + " is not a directory";
            } catch (AccessDeniedException e) {
                problem = "user " + System.getProperty("user.name") + " may not write " + e.getFile();
            } catch (IOException e) {
                problem = blockingFile(dir.getKey()).map(f -> "cannot create it: " + f + " is not a directory")
                        .orElse("cannot write there: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
            }
            throw new StartupException(dir.getValue() + ": " + dir.getKey() + " is not a usable directory: " + problem
                    + "; make it writable for this user or set " + dir.getValue() + " to a directory that is");
        }
    }

    /** The nearest existing ancestor of {@code dir} when it is something other than a directory. */
    private static java.util.Optional<Path> blockingFile(Path dir) {
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                return Files.isDirectory(p) ? java.util.Optional.empty() : java.util.Optional.of(p);
            }
        }
        return java.util.Optional.empty();
    }

    private static final int OPEN_BUNDLE_FILES = 16;

    static Map<String, String> frameworkProperties(Settings settings) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("org.osgi.framework.system.packages.extra", SYSTEM_PACKAGES_EXTRA);
        props.put("felix.startlevel.bundle", String.valueOf(Feature.DEFAULT_START_ORDER));
        props.put("felix.cm.pm", "memory");
        // Each open bundle JAR keeps zlib inflaters (~40 KB of native memory each): unbounded, an
        // idle server held 138 JARs and 248 inflaters. Felix closes the least recently used past
        // the limit and reopens one on its next class load (decision 0014, 2026-12-07 (afternoon)).
        props.put("felix.cache.filelimit", String.valueOf(OPEN_BUNDLE_FILES));

        props.put("org.osgi.service.http.port", String.valueOf(settings.apiPort()));
        props.put("org.apache.felix.http.host", settings.host());
        props.put("org.apache.felix.http.jetty.sendServerHeader", "false");
        // Lets ai.aragora.http's request customizer give Jetty JSON errors from the first request on.
        props.put("org.apache.felix.proxy.load.balancer.connection.enable", "true");
        props.put("org.apache.felix.jetty.websocket.enable", "true");
        // In-flight requests may finish while the server stops, within the drain period.
        props.put("org.apache.felix.jetty.stopTimeout", String.valueOf(settings.shutdownGrace().toMillis()));

        props.put("felix.fileinstall.dir", settings.bundlesDir().toString());
        props.put("felix.fileinstall.filter", ".*\\.(jar|cfg|config)");
        props.put("felix.fileinstall.poll", "1000");
        props.put("felix.fileinstall.noInitialDelay", "true");
        props.put("felix.fileinstall.bundles.new.start", "true");
        // The operator's files are read, never written: saving back raced the launcher's own
        // configuration of the same PIDs and could leave a dropped file empty.
        props.put("felix.fileinstall.enableConfigSave", "false");
        props.put("felix.fileinstall.log.level", "3");

        // The console answers only through Aragora's security provider; its built-in fallback
        // gets a password nobody knows, so no default credential exists anywhere.
        props.put("felix.webconsole.manager.root", "/system/console");
        props.put("felix.webconsole.security.providers", "aragora");
        props.put("felix.webconsole.username", "admin");
        props.put("felix.webconsole.password", unusablePassword());
        return props;
    }

    private static String unusablePassword() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(random);
            return "{sha-256}" + Base64.getEncoder().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
