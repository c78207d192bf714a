package ai.aragora.storage.redis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.annotation.Annotation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import ai.aragora.api.cluster.SharedCache.Lookup;
import redis.clients.jedis.Jedis;

class RedisSharedCacheTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private final List<RedisSharedCache> opened = new ArrayList<>();
    private final List<String> prefixes = new ArrayList<>();

    /** Scope versions never expire: a test's own go with it. */
    @AfterEach
    void close() throws Exception {
        for (RedisSharedCache cache : opened) {
            cache.deactivate();
        }
        try (Jedis redis = new Jedis("127.0.0.1", TestRedis.sharedPort())) {
            for (String prefix : prefixes) {
                Set<String> keys = redis.keys(prefix + "*");
                if (!keys.isEmpty()) {
                    redis.del(keys.toArray(new String[0]));
                }
            }
        }
    }

    private RedisSharedCache open(int port, String prefix) {
        prefixes.add(prefix);
        RedisSharedCache cache = new RedisSharedCache(config(port, prefix, 1));
        opened.add(cache);
        return cache;
    }

    @Test
    void aValueStoredByOneInstanceIsFoundByAnother() throws Exception {
        String prefix = TestRedis.prefix();
        RedisSharedCache a = open(TestRedis.sharedPort(), prefix);
        RedisSharedCache b = open(TestRedis.sharedPort(), prefix);
        RedisSharedCache otherInstallation = open(TestRedis.sharedPort(), TestRedis.prefix());
        Lookup miss = a.lookup("q1", List.of("org/a", "ws/a/main"));
        assertThat(miss.hit()).isFalse();
        a.store(miss, bytes("result one"), MINUTE);

        await(() -> b.lookup("q1", List.of("org/a", "ws/a/main")).hit());
        assertThat(text(b.lookup("q1", List.of("org/a", "ws/a/main")))).isEqualTo("result one");
        assertThat(b.lookup("q2", List.of("org/a", "ws/a/main")).hit()).as("another key").isFalse();
        assertThat(otherInstallation.lookup("q1", List.of("org/a", "ws/a/main")).hit()).as("another prefix").isFalse();
        assertThat(a.connected()).isTrue();
    }

    @Test
    void invalidatingAScopeOnOneInstanceDropsItsValuesForEveryInstance() throws Exception {
        String prefix = TestRedis.prefix();
        RedisSharedCache a = open(TestRedis.sharedPort(), prefix);
        RedisSharedCache b = open(TestRedis.sharedPort(), prefix);
        List<String> main = List.of("org/a", "ws/a/main");
        List<String> other = List.of("org/a", "ws/a/other");
        a.store(a.lookup("q", main), bytes("main"), MINUTE);
        a.store(a.lookup("q", other), bytes("other"), MINUTE);
        await(() -> a.lookup("q", main).hit() && a.lookup("q", other).hit());

        b.invalidate(List.of("ws/a/main"));

        assertThat(a.lookup("q", main).hit()).isFalse();
        assertThat(text(a.lookup("q", other))).as("another workspace's value stays").isEqualTo("other");
        b.invalidate(List.of("org/a"));
        assertThat(a.lookup("q", other).hit()).as("the org's scope covers all its values").isFalse();
    }

    @Test
    void aValueComputedAcrossAnInvalidationIsNeverFound() throws Exception {
        String prefix = TestRedis.prefix();
        RedisSharedCache a = open(TestRedis.sharedPort(), prefix);
        RedisSharedCache b = open(TestRedis.sharedPort(), prefix);
        List<String> scopes = List.of("org/a");
        Lookup before = a.lookup("q", scopes);
        b.invalidate(scopes); // a write lands while a's search runs
        a.store(before, bytes("stale"), MINUTE);
        Lookup fresh = b.lookup("q", scopes);
        b.store(fresh, bytes("fresh"), MINUTE);

        await(() -> a.lookup("q", scopes).hit());
        assertThat(text(a.lookup("q", scopes))).isEqualTo("fresh");
    }

    @Test
    void valuesExpireAndOversizedOnesAreNotStored() throws Exception {
        RedisSharedCache a = open(TestRedis.sharedPort(), TestRedis.prefix());
        a.store(a.lookup("short", List.of("org/a")), bytes("brief"), Duration.ofMillis(300));
        await(() -> a.lookup("short", List.of("org/a")).hit());
        await(() -> !a.lookup("short", List.of("org/a")).hit());

        a.store(a.lookup("big", List.of("org/a")), new byte[1024 + 1], MINUTE);
        a.store(a.lookup("small", List.of("org/a")), new byte[1024], MINUTE);
        await(() -> a.lookup("small", List.of("org/a")).hit());
        assertThat(a.lookup("big", List.of("org/a")).hit()).isFalse();
    }

    @Test
    void anInstanceThatMissedAnInvalidationDropsEverythingOnceRedisAnswersAgain() throws Exception {
        TestRedis.Server server = TestRedis.Server.start();
        try {
            String prefix = TestRedis.prefix();
            RedisSharedCache a = open(server.port(), prefix);
            RedisSharedCache b = open(server.port(), prefix);
            List<String> scopes = List.of("org/a");
            b.store(b.lookup("q", scopes), bytes("before the write"), MINUTE);
            await(() -> a.lookup("q", scopes).hit());

            server.signal("STOP");
            long started = System.nanoTime();
            a.invalidate(scopes); // a's write cannot reach Redis
            assertThatThrownBy(() -> a.lookup("q", scopes)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("unreachable");
            assertThat(a.connected()).isFalse();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).as("one timeout, then refused at once")
                    .isLessThan(3_000);
            server.signal("CONT");

            await(() -> {
                try {
                    return !a.lookup("q", scopes).hit();
                } catch (IllegalStateException backingOff) {
                    return false;
                }
            });
            assertThat(a.connected()).isTrue();
            assertThat(b.lookup("q", scopes).hit()).as("dropped for every instance").isFalse();
        } finally {
            server.signal("CONT");
            server.stop();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }

    private static String text(Lookup lookup) {
        assertThat(lookup.hit()).isTrue();
        return new String(lookup.value(), UTF_8);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    static SharedCacheConfig config(int port, String prefix, int maxValueKb) {
        return new SharedCacheConfig() {
            @Override public Class<? extends Annotation> annotationType() { return SharedCacheConfig.class; }
            @Override public String cache_purpose() { return "test"; }
            @Override public String host() { return "127.0.0.1"; }
            @Override public int port() { return port; }
            @Override public boolean tls() { return false; }
            @Override public String user() { return ""; }
            @Override public String _password() { return ""; }
            @Override public int database() { return 0; }
            @Override public String key_prefix() { return prefix; }
            @Override public int timeout_ms() { return 200; }
            @Override public int backoff_max_ms() { return 500; }
            @Override public int max_value_kb() { return maxValueKb; }
        };
    }
}
