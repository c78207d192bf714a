package ai.aragora.storage.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import ai.aragora.api.cluster.ClusterListener;
import ai.aragora.api.cluster.ClusterMessage;
import ai.aragora.api.cluster.SharedCounters.Admission;
import ai.aragora.api.health.ComponentHealth;

class RedisClusterTest {

    private final List<RedisCluster> opened = new ArrayList<>();

    @AfterEach
    void close() throws InterruptedException {
        for (RedisCluster cluster : opened) {
            cluster.deactivate();
        }
    }

    private RedisCluster open(RedisConfig config) {
        RedisCluster cluster = new RedisCluster(config);
        opened.add(cluster);
        return cluster;
    }

    @Test
    void everyInstanceReceivesWhatOnePublishes() throws Exception {
        String prefix = TestRedis.prefix();
        int port = TestRedis.sharedPort();
        RedisCluster a = open(TestRedis.config(port, prefix));
        RedisCluster b = open(TestRedis.config(port, prefix));
        RedisCluster other = open(TestRedis.config(port, TestRedis.prefix()));
        await(() -> a.connected() && b.connected() && other.connected());
        Recorder onB = new Recorder();
        Recorder onA = new Recorder();
        Recorder elsewhere = new Recorder();
        b.subscribe("cache", onB);
        a.subscribe("cache", onA);
        other.subscribe("cache", elsewhere);
        // SUBSCRIBE is confirmed asynchronously: publish until the first message arrives.
        awaitDelivery(a, "cache", onB);
        onA.messages.clear();
        onB.messages.clear();
        for (int i = 0; i < 100; i++) {
            a.publish("cache", "m" + i);
        }
        for (int i = 0; i < 100; i++) {
            ClusterMessage m = onB.messages.poll(5, TimeUnit.SECONDS);
            assertThat(m).isNotNull();
            assertThat(m.payload()).isEqualTo("m" + i);
            assertThat(m.origin()).isEqualTo(a.instanceId()).isNotEqualTo(b.instanceId());
            assertThat(m.channel()).isEqualTo("cache");
        }
        assertThat(onA.messages.poll(5, TimeUnit.SECONDS).origin()).isEqualTo(a.instanceId());
        assertThat(elsewhere.messages).as("another prefix is another installation").isEmpty();
        assertThat(a.check()).isEqualTo(ComponentHealth.healthy());
    }

    @Test
    void aClosedSubscriptionHearsNothingMore() throws Exception {
        String prefix = TestRedis.prefix();
        RedisCluster a = open(TestRedis.config(TestRedis.sharedPort(), prefix));
        await(a::connected);
        Recorder first = new Recorder();
        Recorder second = new Recorder();
        AutoCloseable handle = a.subscribe("revocations", first);
        a.subscribe("revocations", second);
        awaitDelivery(a, "revocations", first);
        handle.close();
        first.messages.clear();
        second.messages.clear();
        a.publish("revocations", "after");
        assertThat(second.messages.poll(5, TimeUnit.SECONDS).payload()).isEqualTo("after");
        assertThat(first.messages).isEmpty();
    }

    @Test
    void bucketsAdmitExactlyTheBurstUnderConcurrencyAcrossInstances() throws Exception {
        String prefix = TestRedis.prefix();
        int port = TestRedis.sharedPort();
        RedisCluster a = open(TestRedis.config(port, prefix));
        RedisCluster b = open(TestRedis.config(port, prefix));
        await(() -> a.connected() && b.connected());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Admission>> calls = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                RedisCluster via = i % 2 == 0 ? a : b;
                calls.add(() -> via.tryAcquire("debates.create", "user-1", 25, Duration.ofHours(1)));
            }
            int admitted = 0;
            for (Future<Admission> f : pool.invokeAll(calls)) {
                Admission admission = f.get();
                if (admission.admitted()) {
                    admitted++;
                } else {
                    assertThat(admission.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofHours(1));
                }
            }
            assertThat(admitted).isEqualTo(25);
        } finally {
            pool.shutdownNow();
        }
        Admission otherKey = a.tryAcquire("debates.create", "user-2", 25, Duration.ofHours(1));
        assertThat(otherKey.admitted()).isTrue();
        assertThat(otherKey.remaining()).isEqualTo(24);
    }

    @Test
    void aBucketRefillsOnePermitPerInterval() throws Exception {
        RedisCluster a = open(TestRedis.config(TestRedis.sharedPort(), TestRedis.prefix()));
        await(a::connected);
        Duration interval = Duration.ofSeconds(3);
        assertThat(a.tryAcquire("login", "x@example.com", 2, interval).admitted()).isTrue();
        assertThat(a.tryAcquire("login", "x@example.com", 2, interval).admitted()).isTrue();
        Admission refused = a.tryAcquire("login", "x@example.com", 2, interval);
        assertThat(refused.admitted()).isFalse();
        assertThat(refused.retryAfter()).isPositive().isLessThanOrEqualTo(interval);
        Thread.sleep(refused.retryAfter().toMillis() + 20);
        assertThat(a.tryAcquire("login", "x@example.com", 2, interval).admitted()).isTrue();
    }

    @Test
    void bucketKeysHoldADigestNotTheClient() {
        TokenBuckets buckets = new TokenBuckets(null, "aragora:");
        assertThat(buckets.key("login", "alice@example.com")).startsWith("aragora:rl:login:").doesNotContain("alice");
    }

    @Test
    void redisGoneDegradesAndRecoversWithEveryChannelResubscribed() throws Exception {
        TestRedis.Server server = TestRedis.Server.start();
        try {
            String prefix = TestRedis.prefix();
            RedisCluster a = open(TestRedis.config(server.port(), prefix));
            RedisCluster b = open(TestRedis.config(server.port(), prefix));
            await(() -> a.connected() && b.connected());
            Recorder onB = new Recorder();
            b.subscribe("events", onB);
            awaitDelivery(a, "events", onB);

            server.stop();
            await(() -> !a.connected() && !b.connected());
            assertThat(b.check().status()).isEqualTo(ComponentHealth.Status.DEGRADED);
            assertThat(b.check().detail()).startsWith("redis unreachable: ").endsWith("; retrying");
            long before = System.nanoTime();
            a.publish("events", "lost");
            assertThat(System.nanoTime() - before).isLessThan(TimeUnit.MILLISECONDS.toNanos(100));
            assertThatThrownBy(() -> a.tryAcquire("login", "k", 5, Duration.ofMinutes(1)))
                    .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("redis unreachable");
            await(() -> b.check().detail().contains("connection refused"));

            assertThat(onB.reconnected.get()).isZero();
            server.restart();
            await(() -> a.connected() && b.connected());
            await(() -> onB.reconnected.get() == 1);
            assertThat(b.check()).isEqualTo(ComponentHealth.healthy());
            onB.messages.clear();
            a.publish("events", "back");
            assertThat(onB.messages.poll(5, TimeUnit.SECONDS).payload()).isEqualTo("back");
            assertThat(a.tryAcquire("login", "k", 5, Duration.ofMinutes(1)).admitted()).isTrue();
        } finally {
            server.stop();
        }
    }

    @Test
    void aServerThatFallsSilentIsDroppedAndRejoinedWhenItAnswersAgain() throws Exception {
        TestRedis.Server server = TestRedis.Server.start();
        try {
            RedisCluster a = open(TestRedis.config(server.port(), TestRedis.prefix()));
            await(a::connected);
            Recorder onA = new Recorder();
            a.subscribe("events", onA);
            awaitDelivery(a, "events", onA);
            server.signal("STOP");
            try {
                await(() -> !a.connected());
                assertThat(a.check().detail()).startsWith("redis unreachable: ");
            } finally {
                server.signal("CONT");
            }
            await(a::connected);
            await(() -> onA.reconnected.get() == 1);
            awaitDelivery(a, "events", onA);
        } finally {
            server.stop();
        }
    }

    @Test
    void aWrongPasswordIsAReasonWithoutThePassword() throws Exception {
        TestRedis.Server server = TestRedis.Server.start("--requirepass", "right-secret-123");
        try {
            RedisCluster wrong = open(TestRedis.config(server.port(), TestRedis.prefix(), "wrong-secret-456"));
            await(() -> wrong.check().detail().toUpperCase().contains("WRONGPASS"));
            assertThat(wrong.check().detail()).doesNotContain("wrong-secret-456");
            RedisCluster right = open(TestRedis.config(server.port(), TestRedis.prefix(), "right-secret-123"));
            await(right::connected);
        } finally {
            server.stop();
        }
    }

    private static void awaitDelivery(RedisCluster via, String channel, Recorder recorder) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            via.publish(channel, "probe");
            if (recorder.messages.poll(100, TimeUnit.MILLISECONDS) != null) {
                Thread.sleep(100);
                recorder.messages.clear();
                return;
            }
        }
        throw new AssertionError("no delivery on " + channel);
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 15 s");
            }
            Thread.sleep(20);
        }
    }

    static final class Recorder implements ClusterListener {

        final BlockingQueue<ClusterMessage> messages = new LinkedBlockingQueue<>();
        final AtomicInteger reconnected = new AtomicInteger();

        @Override
        public void onMessage(ClusterMessage message) {
            messages.add(message);
        }

        @Override
        public void reconnected() {
            reconnected.incrementAndGet();
        }
    }
}
