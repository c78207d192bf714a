package ai.aragora.debate.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * WebSocket clients of this process's own event stream for {@code aragora benchmark --watchers}:
 * each subscribes to every debate of the org before the debates start, and records for every
 * event it receives the lag from the event's timestamp to its arrival. Real sockets over
 * loopback, so the measurement includes what the server spends writing to each client.
 */
final class Watchers implements AutoCloseable {

    private static final String TIMESTAMP = "\"timestamp\":\"";
    private static final int CLIENTS_PER_SELECTOR = 500;

    private final List<HttpClient> clients = new ArrayList<>();
    private final List<Watcher> watchers = new ArrayList<>();
    private final List<WebSocket> sockets = new ArrayList<>();

    /** Opens {@code n} subscribed connections to {@code uri}, presenting {@code token}. */
    static Watchers connect(URI uri, String token, int n, Duration timeout) throws InterruptedException {
        Watchers all = new Watchers();
        for (int i = 0; i < Math.max(1, (n + CLIENTS_PER_SELECTOR - 1) / CLIENTS_PER_SELECTOR); i++) {
            all.clients.add(HttpClient.newBuilder().connectTimeout(timeout).build());
        }
        CountDownLatch subscribed = new CountDownLatch(n);
        List<CompletableFuture<WebSocket>> opening = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Watcher w = new Watcher(subscribed);
            all.watchers.add(w);
            opening.add(all.clients.get(i % all.clients.size()).newWebSocketBuilder().header("Authorization", "Bearer " + token)
                    .connectTimeout(timeout).buildAsync(uri, w));
        }
        try {
            for (CompletableFuture<WebSocket> f : opening) {
                WebSocket socket = f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                all.sockets.add(socket);
                socket.sendText("{\"type\":\"subscribe\",\"scope\":\"org\"}", true);
            }
            if (!subscribed.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(subscribed.getCount() + " of " + n + " watchers were not subscribed within "
                        + timeout.toSeconds() + " s");
            }
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            all.close();
            throw new IllegalStateException("a watcher could not connect to " + uri + ": " + e.getMessage()
                    + " (the stream runs with the http feature: --features core,memory,demo,http)");
        }
        return all;
    }

    /** Forgets what was received so far: the warm-up's events are not measured. */
    void reset() {
        watchers.forEach(Watcher::reset);
    }

    /** Every recorded lag in microseconds, sorted. */
    long[] lags() {
        int total = 0;
        for (Watcher w : watchers) {
            total += w.count;
        }
        long[] all = new long[total];
        int at = 0;
        for (Watcher w : watchers) {
            System.arraycopy(w.lags, 0, all, at, w.count);
            at += w.count;
        }
        Arrays.sort(all);
        return all;
    }

    /** The fewest and the most events one watcher received. */
    int[] eventsPerWatcher() {
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (Watcher w : watchers) {
            min = Math.min(min, w.count);
            max = Math.max(max, w.count);
        }
        return new int[] {watchers.isEmpty() ? 0 : min, max};
    }

    /** Watchers the server closed, for instance as too slow. */
    int closed() {
        int closed = 0;
        for (Watcher w : watchers) {
            closed += w.closed ? 1 : 0;
        }
        return closed;
    }

    @Override
    public void close() {
        // the clients' selector threads are daemons and end with their last socket
        for (WebSocket s : sockets) {
            s.abort();
        }
    }

    /** One client; the socket calls it for one message at a time. */
    private static final class Watcher implements WebSocket.Listener {

        private final CountDownLatch subscribed;
        private final StringBuilder partial = new StringBuilder();
        private long[] lags = new long[256];
        private volatile int count;
        private volatile boolean closed;
        private boolean counted;

        Watcher(CountDownLatch subscribed) {
            this.subscribed = subscribed;
        }

        synchronized void reset() {
            count = 0;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            Instant at = Instant.now();
            long now = at.getEpochSecond() * 1_000_000 + at.getNano() / 1000;
            partial.append(data);
            if (last) {
                received(partial, now);
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }

        private synchronized void received(CharSequence message, long nowMicros) {
            String text = message.toString();
            if (text.contains("\"seq\":")) {
                int at = text.indexOf(TIMESTAMP);
                if (at >= 0) {
                    int start = at + TIMESTAMP.length();
                    try {
                        Instant sent = Instant.parse(text.substring(start, text.indexOf('"', start)));
                        record(nowMicros - (sent.getEpochSecond() * 1_000_000 + sent.getNano() / 1000));
                    } catch (DateTimeParseException e) {
                        // not an event after all
                    }
                }
            } else if (!counted && text.contains("\"type\":\"subscribed\"")) {
                counted = true;
                subscribed.countDown();
            }
        }

        private void record(long micros) {
            if (count == lags.length) {
                lags = Arrays.copyOf(lags, lags.length * 2);
            }
            lags[count] = Math.max(0, micros);
            count = count + 1;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
            closed = true;
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            closed = true;
        }
    }
}
