package ai.aragora.debate.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

import ai.aragora.api.cluster.ClusterBus;
import ai.aragora.api.cluster.ClusterListener;
import ai.aragora.api.cluster.ClusterMessage;

/**
 * {@code aragora benchmark --bus-rate R}: the hop an event takes between instances. Publishes
 * {@code R} event-sized messages a second on a channel of its own on the cluster bus (Redis with
 * {@code ARAGORA_REDIS_URL}) and receives them back, as every instance receives its own
 * messages, measuring publish to delivery.
 */
final class BusBenchmark {

    /** About the size of an encoded agent message event. */
    private static final int PAYLOAD = 600;
    private static final long WAIT_FOR_BUS_MILLIS = 15_000;

    private final BundleContext context;

    BusBenchmark(BundleContext context) {
        this.context = context;
    }

    void run(int rate, int seconds, PrintStream out, PrintStream err) throws Exception {
        ClusterBus bus = awaitBus();
        int total = rate * seconds;
        long[] latencies = new long[total];
        AtomicInteger received = new AtomicInteger();
        String filler = "x".repeat(PAYLOAD);
        ClusterListener listener = new ClusterListener() {
            @Override
            public void onMessage(ClusterMessage message) {
                long now = System.nanoTime();
                String payload = message.payload();
                int i = received.getAndIncrement();
                if (i < total) {
                    latencies[i] = now - Long.parseLong(payload, 0, payload.indexOf(' '), 10);
                }
            }
        };
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger sent = new AtomicInteger();
        String channel = "benchmark." + UUID.randomUUID();
        try (AutoCloseable subscription = bus.subscribe(channel, listener)) {
            // the subscription is established asynchronously by some brokers
            Thread.sleep(500);
            err.println("benchmark: publishing " + rate + " messages/s for " + seconds + " s on the cluster bus");
            long period = TimeUnit.SECONDS.toNanos(1) / rate;
            timer.scheduleAtFixedRate(() -> {
                if (sent.get() < total) {
                    sent.incrementAndGet();
                    bus.publish(channel, System.nanoTime() + " " + filler);
                }
            }, 0, period, TimeUnit.NANOSECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds + 10L);
            while (received.get() < total && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        } finally {
            timer.shutdownNow();
        }
        int got = Math.min(received.get(), total);
        long[] sorted = Arrays.copyOf(latencies, got);
        Arrays.sort(sorted);
        out.println("cluster bus:        " + sent.get() + " messages of " + PAYLOAD + " bytes published at " + rate + "/s, " + got
                + " received, " + (sent.get() - got) + " lost");
        if (got > 0) {
            out.println("delivery latency:   p50 " + ms(BenchmarkCommand.percentile(sorted, 0.50)) + ", p99 "
                    + ms(BenchmarkCommand.percentile(sorted, 0.99)) + ", max " + ms(sorted[got - 1])
                    + " (publish to delivery through the broker)");
        }
    }

    private ClusterBus awaitBus() throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT_FOR_BUS_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            ServiceReference<ClusterBus> ref = context.getServiceReference(ClusterBus.class);
            if (ref != null) {
                ClusterBus bus = context.getService(ref);
                if (bus != null && bus.connected()) {
                    return bus;
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("--bus-rate needs a cluster bus: set ARAGORA_REDIS_URL and add the http feature"
                + " (--features core,sqlite,demo,http)");
    }

    private static String ms(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.2f ms", nanos / 1e6);
    }
}
