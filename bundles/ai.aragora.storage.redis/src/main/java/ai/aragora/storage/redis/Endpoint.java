package ai.aragora.storage.redis;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;

/** How to reach the server, from the configuration; its text never holds the password. */
record Endpoint(HostAndPort address, JedisClientConfig client, String prefix, boolean tls) {

    static Endpoint of(RedisConfig config, String clientName) {
        return of(config.host(), config.port(), config.tls(), config.user(), config._password(), config.database(), config.timeout_ms(),
                config.key_prefix(), clientName);
    }

    static Endpoint of(SharedCacheConfig config, String clientName) {
        return of(config.host(), config.port(), config.tls(), config.user(), config._password(), config.database(), config.timeout_ms(),
                config.key_prefix() + config.cache_purpose() + ":", clientName);
    }

    private static Endpoint of(String host, int port, boolean tls, String user, String password, int database, int timeoutMs,
            String prefix, String clientName) {
        if (host.isBlank()) {
            throw new IllegalArgumentException("no Redis host configured");
        }
        DefaultJedisClientConfig.Builder client = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(timeoutMs)
                .socketTimeoutMillis(timeoutMs)
                .database(database)
                .ssl(tls)
                .clientName(clientName);
        if (!user.isEmpty()) {
            client.user(user);
        }
        if (!password.isEmpty()) {
            client.password(password);
        }
        return new Endpoint(new HostAndPort(host, port), client.build(), prefix, tls);
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
