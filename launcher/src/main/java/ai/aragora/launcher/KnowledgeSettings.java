package ai.aragora.launcher;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import ai.aragora.launcher.spi.UsageException;

/**
 * The Knowledge Mound's environment, under the names its runbook uses: {@code CP_ENABLE_KM}
 * (prior knowledge for debates and the adapters' learning, default true) and
 * {@code CP_KM_WORKSPACE} (where adapters put what debates that name no workspace teach, default
 * {@code default}). The mound lives in the storage mode's database; a separate database
 * ({@code KNOWLEDGE_MOUND_DATABASE_URL}) or a Redis cache ({@code KNOWLEDGE_MOUND_REDIS_URL}) are
 * not supported yet and refused, rather than silently ignored.
 */
record KnowledgeSettings(boolean enabled, String workspace) {

    static final String PID = "ai.aragora.knowledge";

    static KnowledgeSettings from(Map<String, String> env) throws UsageException {
        for (String unsupported : new String[] {"KNOWLEDGE_MOUND_DATABASE_URL", "KNOWLEDGE_MOUND_REDIS_URL"}) {
            if (Settings.value(env, unsupported).isPresent()) {
                throw new UsageException(unsupported + " is not supported yet: the Knowledge Mound lives in the storage mode's"
                        + " database (knowledge_mound.db on SQLite, the km_* tables of DATABASE_URL on PostgreSQL) and has no"
                        + " cache; unset it");
            }
        }
        boolean enabled = switch (Settings.value(env, "CP_ENABLE_KM").orElse("true").trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new UsageException("CP_ENABLE_KM must be true or false (got '" + env.get("CP_ENABLE_KM") + "')");
        };
        String workspace = Settings.value(env, "CP_KM_WORKSPACE").orElse("default").trim();
        if (!workspace.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,127}")) {
            throw new UsageException("CP_KM_WORKSPACE must be a workspace name of letters, digits, '.', '_' and '-' (got '"
                    + workspace + "')");
        }
        return new KnowledgeSettings(enabled, workspace);
    }

    void configure(Map<String, Map<String, Object>> configs) {
        Map<String, Object> km = configs.computeIfAbsent(PID, k -> new LinkedHashMap<>());
        km.put("enabled", enabled);
        km.put("default.workspace", workspace);
    }
}
