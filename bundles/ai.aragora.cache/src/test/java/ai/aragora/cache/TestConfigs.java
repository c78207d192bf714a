package ai.aragora.cache;

import java.lang.reflect.Proxy;
import java.util.Map;

/** Configuration annotation instances for tests. */
final class TestConfigs {

    private TestConfigs() {
    }

    static DecisionCacheConfig cache(long maxSize, long ttlSeconds, String policyVersion) {
        Map<String, Object> values = Map.of("max_size", maxSize, "ttl_seconds", ttlSeconds, "policy_version", policyVersion);
        return (DecisionCacheConfig) Proxy.newProxyInstance(DecisionCacheConfig.class.getClassLoader(),
                new Class<?>[] {DecisionCacheConfig.class}, (self, method, args) -> values.get(method.getName()));
    }
}
