package ai.aragora.launcher;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every {@code ARAGORA_*} variable Aragora reads, one line each: the launcher reads no other
 * (see {@link Settings#value}), and any other variable with the prefix is reported at start,
 * because a setting copied from elsewhere that does nothing should not pass unnoticed.
 */
final class EnvironmentVariables {

    static final String PREFIX = "ARAGORA_";

    static final List<String> KNOWN = List.of(
            "ARAGORA_DATA_DIR",
            "ARAGORA_STATE_DIR",
            "ARAGORA_AUDIT_DIR",
            "ARAGORA_TEMP_DIR",
            "ARAGORA_LOG_LEVEL",
            "ARAGORA_ENV",
            "ARAGORA_API_TOKEN",
            "ARAGORA_JWT_SECRET",
            "ARAGORA_JWT_EXPIRY_HOURS",
            "ARAGORA_REFRESH_TOKEN_EXPIRY_DAYS",
            "ARAGORA_ALLOWED_ORIGINS",
            "ARAGORA_FEATURES",
            "ARAGORA_SHUTDOWN_GRACE_SECONDS",
            "ARAGORA_ODR_SIGNING_KEY_FILE",
            "ARAGORA_ODR_PROFILE_VERSION",
            "ARAGORA_STORAGE_MODE",
            "ARAGORA_REQUIRE_DISTRIBUTED",
            "ARAGORA_REDIS_URL",
            "ARAGORA_DB_POOL_SIZE",
            "ARAGORA_DB_POOL_TIMEOUT",
            "ARAGORA_WORKERS",
            "ARAGORA_DB_AUTO_MIGRATE",
            "ARAGORA_RECEIPT_RETENTION_DAYS",
            "ARAGORA_RECEIPT_CLEANUP_INTERVAL_HOURS",
            "ARAGORA_DEMO_LATENCY_MS",
            "ARAGORA_ENCRYPTION_KEY",
            "ARAGORA_ENCRYPTION_KEY_LIMIT",
            "ARAGORA_WEBHOOK_ALLOWED_HOSTS",
            "ARAGORA_WEBHOOK_CALLBACK_SECRET",
            "ARAGORA_PUBLIC_URL",
            "ARAGORA_EVENT_BUFFER_SIZE",
            "ARAGORA_WS_MAX_MESSAGE_SIZE",
            "ARAGORA_KM_EMBEDDINGS_BASE_URL",
            "ARAGORA_KM_EMBEDDINGS_MODEL",
            "ARAGORA_KM_EMBEDDINGS_DIMENSIONS",
            "ARAGORA_KM_EMBEDDINGS_API_KEY",
            // the Knowledge Mound's, named as its runbook names them
            "CP_ENABLE_KM",
            "CP_KM_WORKSPACE",
            "KNOWLEDGE_MOUND_DATABASE_URL",
            "KNOWLEDGE_MOUND_REDIS_URL",
            // read by the checkout's ./aragora script, which runs this launcher with the same environment
            "ARAGORA_REBUILD");

    private static final Set<String> LOOKUP = Set.copyOf(KNOWN);

    private EnvironmentVariables() {
    }

    static boolean known(String name) {
        return LOOKUP.contains(name);
    }

    /** The {@code ARAGORA_*} names in {@code env} that nothing reads, sorted; never their values. */
    static Set<String> unknown(Map<String, String> env) {
        Set<String> unknown = new TreeSet<>();
        for (String name : env.keySet()) {
            if (name.startsWith(PREFIX) && !known(name)) {
                unknown.add(name);
            }
        }
        return unknown;
    }

    /** The one line that names them, for the warning and for {@code --strict-env}'s refusal. */
    static String describe(Set<String> unknown) {
        return (unknown.size() == 1 ? "unknown environment variable " : "unknown environment variables ")
                + String.join(", ", unknown) + ": Aragora does not read " + (unknown.size() == 1 ? "it" : "them")
                + " (docs/configuration.md lists the variables it reads)";
    }
}
