package ai.aragora.launcher;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The environment as Configuration Admin configurations, one PID per concern. Features supply
 * defaults; what the operator set in the environment wins.
 */
final class Configurations {

    static final String SERVER_PID = "ai.aragora.server";
    static final String AUTH_PID = "ai.aragora.auth";
    static final String LOGGING_PID = "ai.aragora.logging";
    static final String RECEIPTS_PID = "ai.aragora.receipts";
    static final String DEMO_AGENTS_PID = "ai.aragora.agents.demo";
    static final String ENCRYPTION_PID = "ai.aragora.crypto.aesgcm";

    record Secrets(String adminToken, String jwtSecret, String sessionSecret) {

        @Override
        public String toString() {
            return "Secrets[redacted]";
        }
    }

    private Configurations() {
    }

    static Map<String, Map<String, Object>> of(Settings settings, Secrets secrets, EncryptionKeys keys, String version,
            List<Feature> features) {
        Map<String, Map<String, Object>> configs = new LinkedHashMap<>();
        for (Feature feature : features) {
            feature.configurations().forEach((pid, props) ->
                    configs.computeIfAbsent(pid, k -> new LinkedHashMap<>()).putAll(props));
        }

        Map<String, Object> server = configs.computeIfAbsent(SERVER_PID, k -> new LinkedHashMap<>());
        server.put("data.dir", settings.dataDir().toString());
        server.put("state.dir", settings.stateDir().toString());
        server.put("audit.dir", settings.auditDir().toString());
        server.put("bundles.dir", settings.bundlesDir().toString());
        server.put("environment", settings.environment());
        server.put("version", version);
        server.put("api.port", settings.apiPort());
        server.put("ws.port", settings.wsPort());
        server.put("host", settings.host());
        // Only the operator's key seals backups: a generated development key lives in the state dir.
        server.put("encryption.key.configured", settings.encryptionKeys().isSet());
        server.put("allowed.origins", settings.allowedOrigins().toArray(new String[0]));
        server.put("shutdown.grace.seconds", (int) settings.shutdownGrace().toSeconds());

        Map<String, Object> auth = configs.computeIfAbsent(AUTH_PID, k -> new LinkedHashMap<>());
        auth.put(".admin.token", secrets.adminToken());
        auth.put(".jwt.secret", secrets.jwtSecret());
        auth.put(".session.secret", secrets.sessionSecret());
        auth.put("jwt.expiry.hours", settings.jwtExpiryHours());
        auth.put("refresh.token.expiry.days", settings.refreshTokenExpiryDays());

        Map<String, Object> encryption = configs.computeIfAbsent(ENCRYPTION_PID, k -> new LinkedHashMap<>());
        encryption.put(".keys", keys.hex().toArray(new String[0]));
        encryption.put("key.limit", keys.limit());

        configs.computeIfAbsent(LOGGING_PID, k -> new LinkedHashMap<>()).put("level", settings.logLevel());

        Map<String, Object> receipts = configs.computeIfAbsent(RECEIPTS_PID, k -> new LinkedHashMap<>());
        settings.odrSigningKeyFile().ifPresent(file -> receipts.put("signing.key.file", file.toString()));
        settings.odrVersion().ifPresent(profile -> receipts.put("odr.version", profile));

        settings.demoLatencyMs().ifPresent(ms ->
                configs.computeIfAbsent(DEMO_AGENTS_PID, k -> new LinkedHashMap<>()).put("latency.ms", ms));
        settings.storage().configure(configs, features.stream().map(Feature::name).toList());
        settings.webhooks().configure(configs);
        settings.knowledge().configure(configs);
        settings.redis().configure(configs);
        settings.stream().configure(configs);

        // Only what the operator set: the provider bundles' own defaults apply otherwise.
        for (Settings.ProviderAccess provider : settings.providers()) {
            Map<String, Object> props = configs.computeIfAbsent(provider.pid(), k -> new LinkedHashMap<>());
            provider.apiKey().ifPresent(key -> props.put("api.key", key));
            provider.baseUrl().ifPresent(url -> props.put("base.url", url));
        }
        return configs;
    }
}
