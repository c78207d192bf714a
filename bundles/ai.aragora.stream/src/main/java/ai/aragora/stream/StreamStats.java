package ai.aragora.stream;

import java.util.concurrent.atomic.AtomicLongArray;

import io.prometheus.client.Counter;

/**
 * What the stream has sent and whom it dropped, as counters for Prometheus and as a rate over
 * the last minute for {@code /api/ws/stats}: one slot per second, reused as the clock moves on.
 */
final class StreamStats {

    private static final int WINDOW = 60;

    final Counter sent = Counter.build().name("aragora_websocket_messages_sent_total")
            .help("Messages queued to event stream clients (events and heartbeats)").create();
    final Counter slowDropped = Counter.build().name("aragora_websocket_slow_clients_dropped_total")
            .help("Event stream clients disconnected because their send buffer was full").create();

    private final AtomicLongArray counts = new AtomicLongArray(WINDOW);
    private final AtomicLongArray seconds = new AtomicLongArray(WINDOW);

    void sent(long nowMillis) {
        sent(nowMillis, 1);
    }

    void sent(long nowMillis, int messages) {
        if (messages <= 0) {
            return;
        }
        sent.inc(messages);
        long second = nowMillis / 1000;
        int slot = (int) (second % WINDOW);
        if (seconds.get(slot) != second) {
            seconds.set(slot, second);
            counts.set(slot, 0);
        }
        counts.addAndGet(slot, messages);
    }

    /** Messages per second over the last full minute. */
    double perSecond(long nowMillis) {
        long now = nowMillis / 1000;
        long total = 0;
        for (int i = 0; i < WINDOW; i++) {
            long s = seconds.get(i);
            if (s < now && s >= now - WINDOW) {
                total += counts.get(i);
            }
        }
        return total / (double) WINDOW;
    }
}
