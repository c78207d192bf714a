package ai.aragora.storage.redis;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;

/** How to reach the server, from the configuration; its text never holds the password. */
record Endpoint(HostAndPort address, JedisClientConfig client, String prefix, boolean tls) {

    static Endpoint of(RedisConfig config, String clientName) {
        if (config.host().isBlank()) {
            throw new IllegalArgumentException("no Redis host configured (ARAGORA_REDIS_URL)");
        }
        DefaultJedisClientConfig.Builder client = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(config.timeout_ms())
                .socketTimeoutMillis(config.timeout_ms())
                .database(config.database())
                .ssl(config.tls())
                .clientName(clientName);
        if (!config.user().isEmpty()) {
            client.user(config.user());
        }
        if (!config._password().isEmpty()) {
            client.password(config._password());
        }
        return new Endpoint(new HostAndPort(config.host(), config.port()), client.build(), config.key_prefix(), config.tls());
    }

    /** A connection of its own, outside the pool: the subscriber's. */
    Jedis connect() {
        return new Jedis(address, client);
    }

    @Override
    public String toString() {
        return (tls ? "rediss://" : "redis://") + address + "/" + client.getDatabase();
    }
}
