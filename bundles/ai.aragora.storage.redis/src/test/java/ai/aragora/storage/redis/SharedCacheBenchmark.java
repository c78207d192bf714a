package ai.aragora.storage.redis;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import ai.aragora.api.cluster.SharedCache.Lookup;

/**
 * What one shared-cache lookup costs against a real Redis (the test server): a hit of a value the
 * size of a ten-hit knowledge search result, and a miss. Run with the test class path:
 * {@code java -cp ... ai.aragora.storage.redis.SharedCacheBenchmark [value-kb]}.
 */
public final class SharedCacheBenchmark {

    private SharedCacheBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int kb = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        RedisSharedCache cache = new RedisSharedCache(RedisSharedCacheTest.config(TestRedis.sharedPort(), TestRedis.prefix(), 1024));
        try {
            byte[] value = new byte[kb * 1024];
            new Random(1).nextBytes(value);
            List<String> scopes = List.of("all", "o.0123456789abcdef", "w.0123456789abcdef");
            for (int i = 0; i < 100; i++) {
                cache.store(cache.lookup("k" + i, scopes), value, Duration.ofMinutes(5));
            }
            Thread.sleep(500);
            measure("hit, " + kb + " KB", i -> cache.lookup("k" + (i % 100), scopes));
            measure("miss", i -> cache.lookup("absent" + i, scopes));
            measure("invalidate one scope", i -> {
                cache.invalidate(List.of("w.bench"));
                return null;
            });
        } finally {
            cache.deactivate();
        }
    }

    private static void measure(String label, java.util.function.IntFunction<Object> work) {
        for (int i = 0; i < 2_000; i++) {
            work.apply(i);
        }
        int runs = 20_000;
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long s = System.nanoTime();
            Object r = work.apply(i);
            nanos[i] = System.nanoTime() - s;
            if (r instanceof Lookup l && label.startsWith("hit") && !l.hit()) {
                throw new AssertionError("expected a hit");
            }
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "%-24s p50 %6.3f ms  p99 %6.3f ms  (%d runs, load %.1f)%n", label, nanos[runs / 2] / 1e6,
                nanos[runs * 99 / 100] / 1e6, runs, java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
