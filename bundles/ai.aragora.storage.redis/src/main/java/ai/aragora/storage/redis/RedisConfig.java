package ai.aragora.storage.redis;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Where Redis is (PID {@value #PID}); the launcher fills it from ARAGORA_REDIS_URL. The password
 * is a metatype password: consoles never show it, and nothing here logs it.
 */
@ObjectClassDefinition(pid = RedisConfig.PID, name = "Aragora cluster broker: Redis",
        description = "Pub/sub and shared rate limits between the instances of one installation")
@interface RedisConfig {

    String PID = "ai.aragora.storage.redis";

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

    @AttributeDefinition(description = "Prefix of every key and channel, so that installations can share a server")
    String key_prefix() default "aragora:";

    @AttributeDefinition(description = "Connect and command timeout in milliseconds: a request never waits longer on Redis", min = "50")
    int timeout_ms() default 500;

    @AttributeDefinition(description = "Longest wait between reconnection attempts, in milliseconds", min = "100")
    int backoff_max_ms() default 5000;

    @AttributeDefinition(description = "Messages waiting to be published; beyond it they are dropped and counted", min = "16")
    int publish_queue() default 10000;
}
