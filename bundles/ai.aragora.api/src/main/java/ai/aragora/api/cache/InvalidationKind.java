package ai.aragora.api.cache;

import java.util.Locale;

/** Why entries left the cache; the {@code type} label of {@code aragora_decision_cache_invalidations_total}. */
public enum InvalidationKind {
    WORKSPACE,
    TAG,
    AGENT_VERSION,
    POLICY_VERSION,
    ALL;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
