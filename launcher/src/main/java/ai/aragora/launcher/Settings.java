package ai.aragora.launcher;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import ai.aragora.launcher.spi.UsageException;

/**
 * Everything the launcher takes from the environment and the command line, validated once.
 * Bundles never read the environment: these values reach them through Configuration Admin.
 */
record Settings(
        Path dataDir,
        Path stateDir,
        Path auditDir,
        Path bundlesDir,
        Path tempDir,
        String logLevel,
        String environment,
        Optional<String> apiToken,
        Optional<String> jwtSecret,
        int jwtExpiryHours,
        int refreshTokenExpiryDays,
        List<String> allowedOrigins,
        int apiPort,
        int wsPort,
        String host,
        int workers,
        List<String> features,
        Duration shutdownGrace,
        Optional<Path> odrSigningKeyFile,
        Optional<String> odrVersion,
        StorageSettings storage,
        List<ProviderAccess> providers,
        Optional<Integer> demoLatencyMs,
        EncryptionKeys encryptionKeys,
        WebhookSettings webhooks,
        KnowledgeSettings knowledge,
        RedisSettings redis,
        StreamSettings stream) {

    /**
     * How to reach one LLM provider, from {@code <PREFIX>_API_KEY} and {@code <PREFIX>_BASE_URL},
     * for the provider bundle's configuration {@code pid}. The key never appears in
     * {@link #toString()}.
     */
    record ProviderAccess(String pid, String keyVariable, Optional<String> apiKey, Optional<String> baseUrl) {

        @Override
        public String toString() {
            return "ProviderAccess[pid=" + pid + ", apiKey=" + (apiKey.isPresent() ? "set" : "unset") + ", baseUrl="
                    + baseUrl.orElse("default") + "]";
        }
    }

    /** Environment prefix to provider bundle PID, as the runbooks name the variables. */
    static final Map<String, String> PROVIDERS = providerPids();

    private static Map<String, String> providerPids() {
        Map<String, String> pids = new LinkedHashMap<>();
        pids.put("ANTHROPIC", "ai.aragora.agents.anthropic");
        pids.put("OPENAI", "ai.aragora.agents.openai");
        pids.put("OPENROUTER", "ai.aragora.agents.openrouter");
        pids.put("MISTRAL", "ai.aragora.agents.mistral");
        pids.put("GEMINI", "ai.aragora.agents.gemini");
        pids.put("XAI", "ai.aragora.agents.xai");
        return Collections.unmodifiableMap(pids);
    }

    static final List<String> DEFAULT_FEATURES = List.of("core", "http", "sqlite", "knowledge", "knowledge-local", "demo", "webconsole",
            "providers", "webhooks");
    static final int MIN_JWT_SECRET = 32;
    static final int MAX_WORKERS = 64;

    boolean production() {
        return environment.equals("production");
    }

    /** Never the secrets: only whether they were set. */
    @Override
    public String toString() {
        return "Settings[dataDir=" + dataDir + ", stateDir=" + stateDir + ", auditDir=" + auditDir + ", environment=" + environment
                + ", apiToken=" + (apiToken.isPresent() ? "set" : "unset") + ", jwtSecret=" + (jwtSecret.isPresent() ? "set" : "unset")
                + ", encryptionKeys=" + encryptionKeys + ", apiPort=" + apiPort + ", wsPort=" + wsPort + ", host=" + host + ", workers=" + workers + ", features=" + features + ", storage=" + storage
                + ", webhooks=" + webhooks + ", redis=" + redis + "]";
    }

    static Settings from(Map<String, String> env, Map<String, String> options) throws UsageException {
        Path home = Path.of(System.getProperty("user.home"));
        Path dataDir = path(env, "ARAGORA_DATA_DIR").orElse(home.resolve(".aragora"));
        Path stateDir = path(env, "ARAGORA_STATE_DIR").orElse(dataDir.resolve("state"));
        Path auditDir = path(env, "ARAGORA_AUDIT_DIR").orElse(dataDir.resolve("audit"));
        Path tempDir = path(env, "ARAGORA_TEMP_DIR").orElse(Path.of(System.getProperty("java.io.tmpdir"), "aragora"));

        String environment = value(env, "ARAGORA_ENV").orElse("development").toLowerCase(Locale.ROOT);
        if (!environment.matches("[a-z][a-z0-9_-]{0,31}")) {
            throw new UsageException("ARAGORA_ENV must be a short lowercase name such as development or production");
        }

        Optional<String> jwtSecret = value(env, "ARAGORA_JWT_SECRET");
        if (jwtSecret.isPresent() && jwtSecret.get().length() < MIN_JWT_SECRET) {
            throw new UsageException("ARAGORA_JWT_SECRET must be at least " + MIN_JWT_SECRET + " characters");
        }
        if (jwtSecret.isEmpty() && environment.equals("production")) {
            throw new UsageException("ARAGORA_JWT_SECRET is required when ARAGORA_ENV=production");
        }

        List<String> features = value(env, "ARAGORA_FEATURES").map(Settings::list).orElse(DEFAULT_FEATURES);
        if (options.containsKey("features")) {
            features = list(options.get("features"));
        }
        for (String f : features) {
            if (!f.matches("[a-z0-9][a-z0-9.-]*")) {
                throw new UsageException("feature name '" + f + "' is not valid");
            }
        }

        Optional<String> odrVersion = value(env, "ARAGORA_ODR_PROFILE_VERSION").map(String::trim);
        if (odrVersion.isPresent() && !odrVersion.get().matches("0\\.[12]")) {
            throw new UsageException("ARAGORA_ODR_PROFILE_VERSION must be 0.1 or 0.2 (got '" + odrVersion.get() + "')");
        }

        int apiPort = port("--api-port", options.getOrDefault("api-port", "8080"));
        int wsPort = port("--ws-port", options.getOrDefault("ws-port", "8765"));
        if (apiPort == wsPort) {
            throw new UsageException("--api-port and --ws-port must differ (both " + apiPort + ")");
        }
        int workers = workers(env, options);
        int lastApiPort = apiPort + workers - 1;
        int lastWsPort = wsPort + workers - 1;
        if (lastApiPort > 65535 || lastWsPort > 65535) {
            throw new UsageException(workers + " workers need ports " + apiPort + "-" + lastApiPort + " and " + wsPort + "-"
                    + lastWsPort + ", past 65535; lower --api-port or --ws-port");
        }
        if (apiPort <= lastWsPort && wsPort <= lastApiPort) {
            throw new UsageException(workers + " workers need API ports " + apiPort + "-" + lastApiPort + " and WebSocket ports "
                    + wsPort + "-" + lastWsPort + ", which overlap; move --ws-port");
        }
        return new Settings(
                dataDir,
                stateDir,
                auditDir,
                dataDir.resolve("bundles"),
                tempDir,
                logLevel(value(env, "ARAGORA_LOG_LEVEL").orElse("INFO")),
                environment,
                value(env, "ARAGORA_API_TOKEN"),
                jwtSecret,
                integer(env, "ARAGORA_JWT_EXPIRY_HOURS", 24, 1, 24 * 366),
                integer(env, "ARAGORA_REFRESH_TOKEN_EXPIRY_DAYS", 30, 1, 3660),
                origins(value(env, "ARAGORA_ALLOWED_ORIGINS").orElse("")),
                apiPort,
                wsPort,
                host(options.getOrDefault("host", "127.0.0.1")),
                workers,
                List.copyOf(features),
                Duration.ofSeconds(integer(env, "ARAGORA_SHUTDOWN_GRACE_SECONDS", 30, 0, 3600)),
                path(env, "ARAGORA_ODR_SIGNING_KEY_FILE"),
                odrVersion,
                StorageSettings.from(env),
                providers(env),
                value(env, "ARAGORA_DEMO_LATENCY_MS").isPresent()
                        ? Optional.of(integer(env, "ARAGORA_DEMO_LATENCY_MS", 0, 0, 600_000)) : Optional.empty(),
                EncryptionKeys.from(value(env, "ARAGORA_ENCRYPTION_KEY"), longInteger(env, "ARAGORA_ENCRYPTION_KEY_LIMIT",
                        EncryptionKeys.DEFAULT_LIMIT, 1, EncryptionKeys.MAX_LIMIT), environment.equals("production")),
                WebhookSettings.from(env, environment),
                KnowledgeSettings.from(env),
                RedisSettings.from(env),
                StreamSettings.from(env));
    }

    /**
     * The features to boot: the selected storage, the Redis broker for a server when
     * ARAGORA_REDIS_URL is set. With ARAGORA_REQUIRE_DISTRIBUTED=true, what several instances
     * need to share is required, and everything missing is named at once.
     */
    List<String> select(List<String> requested) throws UsageException {
        List<String> out = redis.select(storage.select(requested));
        if (storage.requireDistributed()) {
            List<String> missing = new ArrayList<>();
            if (out.contains(StorageSettings.SQLITE)) {
                missing.add("PostgreSQL storage (ARAGORA_STORAGE_MODE=postgres and DATABASE_URL; SQLite belongs to one instance)");
            }
            if (out.contains("http") && redis.url().isEmpty()) {
                missing.add("Redis (ARAGORA_REDIS_URL=redis://host:6379) for shared limits, invalidations and events");
            }
            if (!missing.isEmpty()) {
                throw new UsageException("ARAGORA_REQUIRE_DISTRIBUTED=true: refusing to start without " + String.join(" and ", missing));
            }
        }
        return out;
    }

    /** {@code --workers}, else {@code ARAGORA_WORKERS}, else one process. */
    private static int workers(Map<String, String> env, Map<String, String> options) throws UsageException {
        String raw = options.get("workers");
        if (raw == null) {
            return integer(env, "ARAGORA_WORKERS", 1, 1, MAX_WORKERS);
        }
        try {
            int n = Integer.parseInt(raw.trim());
            if (n >= 1 && n <= MAX_WORKERS) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException("--workers must be an integer 1-" + MAX_WORKERS + " (got '" + raw + "')");
    }

    static List<ProviderAccess> providers(Map<String, String> env) throws UsageException {
        List<ProviderAccess> providers = new ArrayList<>();
        for (Map.Entry<String, String> p : PROVIDERS.entrySet()) {
            String keyVariable = p.getKey() + "_API_KEY";
            providers.add(new ProviderAccess(p.getValue(), keyVariable, apiKey(env, keyVariable), baseUrl(env, p.getKey() + "_BASE_URL", keyVariable)));
        }
        return List.copyOf(providers);
    }

    /** An API key from {@code variable}: it goes into an HTTP header, so anything but visible ASCII would corrupt or split it. */
    static Optional<String> apiKey(Map<String, String> env, String variable) throws UsageException {
        Optional<String> key = value(env, variable).map(String::trim);
        if (key.isPresent() && !key.get().matches("[\\x21-\\x7e]{1,512}")) {
            throw new UsageException(variable + " must be a single token of visible ASCII characters");
        }
        return key;
    }

    /** An http(s) base URL from {@code variable}, without credentials, query or fragment (the key goes in {@code keyVariable}). */
    static Optional<String> baseUrl(Map<String, String> env, String variable, String keyVariable) throws UsageException {
        Optional<String> url = value(env, variable).map(String::trim);
        if (url.isPresent()) {
            try {
                URI uri = new URI(url.get());
                if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                        || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                    throw new URISyntaxException(url.get(), "not a base URL");
                }
            } catch (URISyntaxException e) {
                // The value is not quoted back: credentials or a query are where a key would sit.
                throw new UsageException(variable + " must be an http(s) URL such as https://api.example.com/v1,"
                        + " without credentials, query or fragment (a key goes in " + keyVariable + ")");
            }
        }
        return url;
    }

    /** The runbooks say DEBUG, INFO, WARNING, ERROR; the logging backend says WARN. */
    static String logLevel(String raw) throws UsageException {
        switch (raw.trim().toUpperCase(Locale.ROOT)) {
            case "TRACE": return "TRACE";
            case "DEBUG": return "DEBUG";
            case "INFO": return "INFO";
            case "WARN":
            case "WARNING": return "WARN";
            case "ERROR":
            case "CRITICAL": return "ERROR";
            default:
                throw new UsageException("ARAGORA_LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR (got '" + raw + "')");
        }
    }

    static List<String> origins(String raw) throws UsageException {
        List<String> origins = new ArrayList<>();
        for (String origin : list(raw)) {
            if (origin.contains("*")) {
                throw new UsageException("ARAGORA_ALLOWED_ORIGINS must list explicit origins; a wildcard is not allowed");
            }
            try {
                URI uri = new URI(origin);
                boolean bare = uri.getScheme() != null && uri.getHost() != null
                        && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
                        && uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
                if (!bare || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                    throw new URISyntaxException(origin, "not an origin");
                }
            } catch (URISyntaxException e) {
                throw new UsageException("ARAGORA_ALLOWED_ORIGINS: '" + origin + "' is not an origin like https://app.example.com");
            }
            origins.add(origin);
        }
        return List.copyOf(origins);
    }

    static int port(String flag, String raw) throws UsageException {
        try {
            int port = Integer.parseInt(raw);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException(flag + " must be a port number 1-65535 (got '" + raw + "')");
    }

    private static String host(String raw) throws UsageException {
        if (!raw.matches("[A-Za-z0-9.:\\[\\]-]{1,253}")) {
            throw new UsageException("--host must be a host name or IP address (got '" + raw + "')");
        }
        return raw;
    }

    static int integer(Map<String, String> env, String name, int fallback, int min, int max) throws UsageException {
        Optional<String> raw = value(env, name);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            int v = Integer.parseInt(raw.get().trim());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException(name + " must be an integer " + min + "-" + max + " (got '" + raw.get() + "')");
    }

    static long longInteger(Map<String, String> env, String name, long fallback, long min, long max) throws UsageException {
        Optional<String> raw = value(env, name);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            long v = Long.parseLong(raw.get().trim());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException(name + " must be an integer " + min + "-" + max + " (got '" + raw.get() + "')");
    }

    /** Every read of the environment passes here, so a variable read is a variable {@link EnvironmentVariables} knows. */
    static Optional<String> value(Map<String, String> env, String name) {
        if (name.startsWith(EnvironmentVariables.PREFIX) && !EnvironmentVariables.known(name)) {
            throw new IllegalStateException(name + " is read but not listed in EnvironmentVariables.KNOWN");
        }
        String v = env.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
    }

    private static Optional<Path> path(Map<String, String> env, String name) throws UsageException {
        Optional<String> v = value(env, name);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        if (v.get().indexOf('\0') >= 0) {
            throw new UsageException(name + " contains a NUL character");
        }
        return Optional.of(Path.of(v.get()).toAbsolutePath().normalize());
    }

    private static List<String> list(String raw) {
        List<String> out = new ArrayList<>();
        for (String part : raw.split(",")) {
            String t = part.trim();
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }
}
