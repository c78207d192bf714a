package ai.aragora.cache;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Bounds of the decision cache and the routing policy version; all change live. */
@ObjectClassDefinition(name = "Aragora decision cache", description = "Cache of repeated identical decisions")
@interface DecisionCacheConfig {

    String PID = "ai.aragora.cache";

    @AttributeDefinition(description = "Seconds an entry stays valid")
    long ttl_seconds() default 3600;

    @AttributeDefinition(description = "Most entries held; the least recently used go first")
    long max_size() default 10000;

    @AttributeDefinition(description = "Current routing policy version: entries of other versions are stale (dropped when next looked up)")
    String policy_version() default "1";
}
