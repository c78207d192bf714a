package ai.aragora.storage.redis;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.aragora.api.cluster.SharedCache;
import io.prometheus.client.Collector;
import redis.clients.jedis.Connection;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Pipeline;

/**
 * {@link SharedCache} on one Redis server. Each scope's version is a counter key; a lookup reads
 * the versions and the value filed under them in one Lua script, so a lookup and an invalidation
 * never interleave halfway. An implicit epoch, part of every lookup, drops everything after
 * invalidations were missed (this instance could not reach Redis while something was written).
 * Values are written from one thread; after a failure the cache is not asked again until a
 * backoff has passed, so an unreachable Redis costs a search one timeout, not one per search.
 */
@Component(service = SharedCache.class, configurationPid = SharedCacheConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
public class RedisSharedCache implements SharedCache {

    private static final Logger LOG = LoggerFactory.getLogger(RedisSharedCache.class);

    /** KEYS: the epoch and the scopes' version keys; ARGV[1]: the entry's key without versions. Returns {ticket, value or nil}. */
    static final String LOOKUP = """
            local versions = redis.call('MGET', unpack(KEYS))
            local tag = ''
            for i = 1, #KEYS do tag = tag .. (versions[i] or '0') .. '.' end
            local entry = ARGV[1] .. '@' .. tag
            return {entry, redis.call('GET', entry)}
            """;
    private static final byte[] LOOKUP_BYTES = LOOKUP.getBytes(UTF_8);

    private final String purpose;
    private final Endpoint endpoint;
    private final JedisPooled redis;
    private final Backoff backoff;
    private final int maxValueBytes;
    private final ThreadPoolExecutor writer;
    private final SharedCacheMetrics metrics;
    private final ServiceRegistration<Collector> registration;
    /** Guarded by this. */
    private long retryAtNanos;
    private volatile boolean connected = true;
    private final AtomicBoolean missedInvalidations = new AtomicBoolean();
    private volatile String problem = "";

    @Activate
    public RedisSharedCache(SharedCacheConfig config, BundleContext context) {
        purpose = config.cache_purpose();
        endpoint = Endpoint.of(config, "aragora-cache-" + UUID.randomUUID().toString().substring(0, 8));
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(16);
        pool.setMaxWait(Duration.ofMillis(config.timeout_ms()));
        redis = new JedisPooled(endpoint.address(), endpoint.client(), pool);
        backoff = new Backoff(100, config.backoff_max_ms());
        maxValueBytes = config.max_value_kb() * 1024;
        metrics = new SharedCacheMetrics(purpose, () -> connected);
        writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(256), r -> {
            Thread t = new Thread(r, "redis-cache-writer");
            t.setDaemon(true);
            return t;
        });
        registration = context == null ? null : context.registerService(Collector.class, metrics, null);
        LOG.info("shared {} cache on {}", purpose, endpoint);
    }

    /** For tests, outside a framework. */
    RedisSharedCache(SharedCacheConfig config) {
        this(config, null);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        if (registration != null) {
            registration.unregister();
        }
        writer.shutdown();
        writer.awaitTermination(2, TimeUnit.SECONDS);
        redis.close();
    }

    @Override
    public Lookup lookup(String key, List<String> scopes) {
        List<byte[]> keys = new ArrayList<>(scopes.size() + 1);
        keys.add(epochKey());
        scopes.forEach(s -> keys.add(versionKey(s)));
        try {
            usable();
            List<?> reply = (List<?>) redis.eval(LOOKUP_BYTES, keys, List.of((endpoint.prefix() + "e:" + key).getBytes(UTF_8)));
            answered();
            byte[] value = reply.size() > 1 ? (byte[]) reply.get(1) : null;
            metrics.lookups(value != null ? "hit" : "miss");
            return new Lookup(new String((byte[]) reply.get(0), UTF_8), value);
        } catch (RuntimeException e) {
            metrics.lookups("unavailable");
            throw unreachable(e);
        }
    }

    @Override
    public void store(Lookup lookup, byte[] value, Duration ttl) {
        if (value.length > maxValueBytes) {
            metrics.stores("too_large");
            return;
        }
        long millis = ttl.toMillis();
        if (millis <= 0 || !connected) {
            metrics.stores("dropped");
            return;
        }
        byte[] entry = lookup.ticket().getBytes(UTF_8);
        try {
            writer.execute(() -> {
                try {
                    redis.psetex(entry, millis, value);
                    metrics.stores("stored");
                } catch (RuntimeException e) {
                    failed(e);
                    metrics.stores("dropped");
                }
            });
        } catch (RejectedExecutionException full) {
            metrics.stores("dropped");
        }
    }

    @Override
    public void invalidate(List<String> scopes) {
        try {
            usable();
            try (Pipeline p = redis.pipelined()) {
                scopes.forEach(s -> p.incr(versionKey(s)));
                p.sync();
            }
            answered();
            metrics.invalidations("applied");
        } catch (RuntimeException e) {
            failed(e);
            missedInvalidations.set(true);
            metrics.invalidations("missed");
            LOG.debug("a shared {} cache invalidation was missed: {}", purpose, LinkState.describe(e));
        }
    }

    @Override
    public boolean connected() {
        return connected;
    }

    /**
     * Refuses at once while backing off after a failure; first drops everything if invalidations
     * were missed meanwhile, before anything is read again.
     */
    private void usable() {
        synchronized (this) {
            if (!connected && System.nanoTime() - retryAtNanos < 0) {
                throw new IllegalStateException(problem);
            }
        }
        if (missedInvalidations.compareAndSet(true, false)) {
            try {
                redis.incr(epochKey());
            } catch (RuntimeException e) {
                missedInvalidations.set(true);
                throw e;
            }
            LOG.info("shared {} cache reachable again: every value dropped, since invalidations were missed", purpose);
        }
    }

    private synchronized void answered() {
        if (!connected) {
            LOG.info("shared {} cache on {} answers again", purpose, endpoint);
        }
        connected = true;
        backoff.reset();
    }

    private synchronized void failed(RuntimeException e) {
        if (e instanceof IllegalStateException && !connected) {
            return; // refused while backing off: nothing new
        }
        problem = LinkState.describe(e);
        if (connected) {
            LOG.warn("shared {} cache on {} unreachable: {}; values are computed meanwhile", purpose, endpoint, problem);
        }
        connected = false;
        retryAtNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoff.nextMillis());
    }

    private IllegalStateException unreachable(RuntimeException e) {
        failed(e);
        return new IllegalStateException("shared " + purpose + " cache unreachable: " + problem, e);
    }

    private byte[] epochKey() {
        return (endpoint.prefix() + "epoch").getBytes(UTF_8);
    }

    private byte[] versionKey(String scope) {
        return (endpoint.prefix() + "v:" + scope).getBytes(UTF_8);
    }
}
