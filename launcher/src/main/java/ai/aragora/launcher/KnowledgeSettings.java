package ai.aragora.launcher;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import ai.aragora.launcher.spi.UsageException;

/**
 * The Knowledge Mound's environment, under the names its runbook uses: {@code CP_ENABLE_KM}
 * (prior knowledge for debates and the adapters' learning, default true) and
 * {@code CP_KM_WORKSPACE} (where adapters put what debates that name no workspace teach, default
 * {@code default}). Where the mound is stored is a storage setting ({@link StorageSettings}:
 * {@code KNOWLEDGE_MOUND_DATABASE_URL}). Its search cache is in each instance, its invalidations
 * on the cluster bus of {@code ARAGORA_REDIS_URL}, and its second tier shared on the Redis of
 * {@code KNOWLEDGE_MOUND_REDIS_URL} ({@link RedisSettings}). The OpenAI-compatible embedding
 * provider (feature {@code knowledge-openai}) is configured by {@code ARAGORA_KM_EMBEDDINGS_*}; its
 * key falls back to {@code OPENAI_API_KEY}.
 */
record KnowledgeSettings(boolean enabled, String workspace, Embeddings embeddings) {

    static final String PID = "ai.aragora.knowledge";
    static final String EMBEDDINGS_PID = "ai.aragora.knowledge.embeddings.openai";

    /** Only what the operator set; the bundle's own defaults apply otherwise. */
    record Embeddings(Optional<String> baseUrl, Optional<String> model, Optional<Integer> dimensions, Optional<String> apiKey) {

        @Override
        public String toString() {
            return "Embeddings[baseUrl=" + baseUrl.orElse("default") + ", model=" + model.orElse("default") + ", apiKey="
                    + (apiKey.isPresent() ? "set" : "unset") + "]";
        }
    }

    static KnowledgeSettings from(Map<String, String> env) throws UsageException {
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
        Optional<String> key = Settings.apiKey(env, "ARAGORA_KM_EMBEDDINGS_API_KEY");
        Embeddings embeddings = new Embeddings(
                Settings.baseUrl(env, "ARAGORA_KM_EMBEDDINGS_BASE_URL", "ARAGORA_KM_EMBEDDINGS_API_KEY"),
                Settings.value(env, "ARAGORA_KM_EMBEDDINGS_MODEL").map(String::trim),
                Settings.value(env, "ARAGORA_KM_EMBEDDINGS_DIMENSIONS").isPresent()
                        ? Optional.of(Settings.integer(env, "ARAGORA_KM_EMBEDDINGS_DIMENSIONS", 0, 1, 65_536)) : Optional.empty(),
                key.isPresent() ? key : Settings.apiKey(env, "OPENAI_API_KEY"));
        return new KnowledgeSettings(enabled, workspace, embeddings);
    }

    void configure(Map<String, Map<String, Object>> configs) {
        Map<String, Object> km = configs.computeIfAbsent(PID, k -> new LinkedHashMap<>());
        km.put("enabled", enabled);
        km.put("default.workspace", workspace);
        // Always there, so the provider starts whenever its feature is loaded; unused otherwise.
        Map<String, Object> e = configs.computeIfAbsent(EMBEDDINGS_PID, k -> new LinkedHashMap<>());
        embeddings.baseUrl().ifPresent(v -> e.put("base.url", v));
        embeddings.model().ifPresent(v -> e.put("model", v));
        embeddings.dimensions().ifPresent(v -> e.put("dimensions", v));
        embeddings.apiKey().ifPresent(v -> e.put(".api.key", v));
    }
}
