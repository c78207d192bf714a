package ai.aragora.cache;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import ai.aragora.api.cache.CacheStats;
import ai.aragora.api.cache.DecisionCache;

/** The operator's actions on the cache and what they report, shared by the REST endpoints and the console page. */
final class CacheAdministration {

    private CacheAdministration() {
    }

    static Map<String, Object> stats(DecisionCache cache) {
        CacheStats s = cache.stats();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total_entries", s.size());
        body.put("max_size", s.maxSize());
        body.put("ttl_seconds", s.ttl().toSeconds());
        body.put("hits", s.hits());
        body.put("misses", s.misses());
        body.put("hit_rate", s.hitRate());
        body.put("current_policy_version", s.policyVersion());
        Map<String, Long> invalidations = new TreeMap<>();
        s.invalidations().forEach((kind, n) -> invalidations.put(kind.wire(), n));
        body.put("invalidations", invalidations);
        return body;
    }

    /**
     * Runs one invalidation named by {@code strategy} ({@code workspace}, {@code tag},
     * {@code agent}, {@code policy}, {@code all}); throws IllegalArgumentException naming what
     * is missing.
     */
    static Map<String, Object> invalidate(DecisionCache cache, String strategy, String value, String version) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("strategy", strategy);
        switch (strategy) {
            case "workspace":
                body.put("invalidated", cache.invalidateWorkspace(required("workspace", value)));
                break;
            case "tag":
                body.put("invalidated", cache.invalidateTag(required("tag", value)));
                break;
            case "agent":
                body.put("invalidated", cache.invalidateAgentVersion(required("agent", value), required("version", version)));
                break;
            case "policy":
                cache.changePolicyVersion(required("version", version));
                body.put("current_policy_version", version);
                body.put("lazy", true);
                break;
            case "all":
                body.put("invalidated", cache.invalidateAll());
                break;
            default:
                throw new IllegalArgumentException("strategy must be one of workspace, tag, agent, policy, all");
        }
        return body;
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be empty");
        }
        if (value.length() > 256) {
            throw new IllegalArgumentException(field + " must be at most 256 characters");
        }
        return value.trim();
    }
}
