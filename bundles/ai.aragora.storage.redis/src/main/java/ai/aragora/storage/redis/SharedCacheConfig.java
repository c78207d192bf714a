package ai.aragora.storage.redis;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Where the shared cache's Redis is (PID {@value #PID}); the launcher fills it from
 * KNOWLEDGE_MOUND_REDIS_URL. It may be the cluster broker's server or another one.
 */
@ObjectClassDefinition(pid = SharedCacheConfig.PID, name = "Aragora shared cache: Redis",
        description = "Computed values every instance reuses (the Knowledge Mound's searches), invalidated everywhere at once")
@interface SharedCacheConfig {

    String PID = "ai.aragora.storage.redis.cache";

    @AttributeDefinition(description = "What the cache is for; also part of every key")
    String cache_purpose() default "knowledge-mound";

    @AttributeDefinition(description = "Redis host")
    String host() default "";

    @AttributeDefinition(description = "Redis port")
    int port() default 6379;

    @AttributeDefinition(description = "TLS (rediss://)")
    boolean tls() default false;

    @AttributeDefinition(description = "ACL user; empty for the default user")
    String user() default "";

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "Password")
    String _password() default "";

    @AttributeDefinition(description = "Database index", min = "0")
    int database() default 0;

    @AttributeDefinition(description = "Prefix of every key, so that installations can share a server")
    String key_prefix() default "aragora:";

    @AttributeDefinition(description = "Connect and command timeout in milliseconds: a search never waits longer on the cache", min = "20")
    int timeout_ms() default 200;

    @AttributeDefinition(description = "Longest wait before trying an unreachable cache again, in milliseconds", min = "100")
    int backoff_max_ms() default 5000;

    @AttributeDefinition(description = "Largest value stored, in kilobytes; larger ones are computed again each time", min = "1")
    int max_value_kb() default 1024;
}
