package ai.aragora.storage.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import ai.aragora.api.cluster.SharedCounters.Admission;
import redis.clients.jedis.JedisPooled;

/**
 * Token buckets in Redis as GCRA: one key per client holds the theoretical arrival time, moved
 * by one Lua script on the server's clock, so concurrent instances never both spend the last
 * permit and their clocks do not matter.
 */
final class TokenBuckets {

    /** KEYS[1] the bucket; ARGV[1] microseconds per permit; ARGV[2] burst. Returns {admitted, remaining, retry µs}. */
    static final String SCRIPT = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
            local interval = tonumber(ARGV[1])
            local burst = tonumber(ARGV[2])
            local tat = tonumber(redis.call('GET', KEYS[1]) or now)
            if tat < now then tat = now end
            local allow_at = tat + interval - burst * interval
            if allow_at > now then
              return {0, 0, allow_at - now}
            end
            local new_tat = tat + interval
            redis.call('SET', KEYS[1], string.format('%d', new_tat), 'PX', math.ceil((new_tat - now) / 1000) + 1)
            return {1, math.floor((now - allow_at) / interval), 0}
            """;

    private final JedisPooled redis;
    private final String prefix;

    TokenBuckets(JedisPooled redis, String prefix) {
        this.redis = redis;
        this.prefix = prefix;
    }

    Admission take(String limiter, String key, long burst, Duration interval) {
        if (burst < 1 || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("a bucket needs burst >= 1 and a positive interval");
        }
        long micros = Math.max(1, interval.toNanos() / 1000);
        Object reply = redis.eval(SCRIPT, List.of(key(limiter, key)), List.of(Long.toString(micros), Long.toString(burst)));
        List<?> values = (List<?>) reply;
        boolean admitted = ((Long) values.get(0)) == 1L;
        long remaining = (Long) values.get(1);
        Duration retry = Duration.ofNanos((Long) values.get(2) * 1000);
        return new Admission(admitted, remaining, retry);
    }

    /** A digest, not the key: keys may be e-mail addresses, which do not belong in Redis. */
    String key(String limiter, String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return prefix + "rl:" + limiter + ":" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
