package ai.aragora.api.cache;

import java.util.Map;
import java.util.Set;

/**
 * What a cached decision depended on: its workspace, the routing policy version (null: the
 * cache's current one), the version of each agent that took part, and free tags.
 */
public record CacheTags(String workspace, String policyVersion, Map<String, String> agentVersions, Set<String> tags) {

    public CacheTags {
        agentVersions = agentVersions == null ? Map.of() : Map.copyOf(agentVersions);
        tags = tags == null ? Set.of() : Set.copyOf(tags);
    }

    public static CacheTags of(String workspace, Map<String, String> agentVersions, String... tags) {
        return new CacheTags(workspace, null, agentVersions, Set.of(tags));
    }
}
