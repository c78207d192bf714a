package ai.aragora.storage.redis;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.aragora.api.cluster.ClusterBus;
import ai.aragora.api.cluster.ClusterListener;
import ai.aragora.api.cluster.SharedCounters;
import ai.aragora.api.health.ComponentHealth;
import ai.aragora.api.health.HealthIndicator;
import io.prometheus.client.Collector;
import redis.clients.jedis.Connection;
import redis.clients.jedis.JedisPooled;

/**
 * The cluster SPI on one Redis server: a pool for commands (publishing, token buckets), a
 * dedicated subscriber connection, and the {@code redis} health component. Requests never wait
 * on an unreachable Redis: publishing drops, buckets throw and their callers limit in-process.
 */
@Component(service = {ClusterBus.class, SharedCounters.class, HealthIndicator.class}, configurationPid = RedisConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, property = HealthIndicator.COMPONENT + "=redis")
public class RedisCluster implements ClusterBus, SharedCounters, HealthIndicator {

    private static final Logger LOG = LoggerFactory.getLogger(RedisCluster.class);
    private static final Duration WATCH_EVERY = Duration.ofSeconds(1);
    private static final Duration SILENT_AFTER = Duration.ofSeconds(5);

    private final String instanceId = UUID.randomUUID().toString();
    private final LinkState state = new LinkState();
    private final Endpoint endpoint;
    private final JedisPooled redis;
    private final Subscriber subscriber;
    private final Publisher publisher;
    private final TokenBuckets buckets;
    private final Thread subscriberThread;
    private final Thread publisherThread;
    private final ScheduledExecutorService watchdog;
    private final ServiceRegistration<Collector> metrics;

    @Activate
    public RedisCluster(RedisConfig config, BundleContext context) {
        endpoint = Endpoint.of(config, "aragora-" + instanceId.substring(0, 8));
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(16);
        pool.setMaxWait(Duration.ofMillis(config.timeout_ms()));
        redis = new JedisPooled(endpoint.address(), endpoint.client(), pool);
        buckets = new TokenBuckets(redis, endpoint.prefix());
        subscriber = new Subscriber(endpoint, state, new Backoff(100, config.backoff_max_ms()), instanceId,
                // pooled connections opened before the outage are dead: the next command would fail on one
                () -> redis.getPool().clear());
        publisher = new Publisher(redis, state, config.publish_queue());
        subscriberThread = daemon(subscriber, "redis-subscriber");
        publisherThread = daemon(publisher, "redis-publisher");
        watchdog = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "redis-watchdog"));
        watchdog.scheduleWithFixedDelay(() -> subscriber.watch(SILENT_AFTER.toNanos()),
                WATCH_EVERY.toMillis(), WATCH_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        metrics = context == null ? null : context.registerService(Collector.class, new RedisMetrics(state), null);
        LOG.info("cluster broker on {} (instance {})", endpoint, instanceId);
    }

    /** For tests, outside a framework. */
    RedisCluster(RedisConfig config) {
        this(config, null);
    }

    private static Thread daemon(Runnable task, String name) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        if (metrics != null) {
            metrics.unregister();
        }
        watchdog.shutdownNow();
        subscriber.stop();
        publisher.stop();
        subscriberThread.interrupt();
        subscriberThread.join(2000);
        publisherThread.join(2000);
        redis.close();
    }

    @Override
    public String instanceId() {
        return instanceId;
    }

    @Override
    public void publish(String channel, String payload) {
        publisher.offer(subscriber.wireChannel(channel), instanceId + "\n" + payload);
    }

    @Override
    public AutoCloseable subscribe(String channel, ClusterListener listener) {
        return subscriber.add(channel, listener);
    }

    @Override
    public boolean connected() {
        return state.up();
    }

    @Override
    public Admission tryAcquire(String limiter, String key, long burst, Duration interval) {
        if (!state.up()) {
            throw new IllegalStateException("redis unreachable: " + state.problem());
        }
        try {
            return buckets.take(limiter, key, burst, interval);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalStateException("redis: " + LinkState.describe(e), e);
        }
    }

    @Override
    public ComponentHealth check() {
        return state.health();
    }
}
