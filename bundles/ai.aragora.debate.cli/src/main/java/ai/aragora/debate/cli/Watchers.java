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
    private static final String SEQ = "\"seq\":";
    private static final String DEBATE = "\"loop_id\":\"";
    private static final int CLIENTS_PER_SELECTOR = 500;
    private static final int BATCH = 50;

    private final List<HttpClient> clients = new ArrayList<>();
    private final List<Watcher> watchers = new ArrayList<>();
    private final List<WebSocket> sockets = new ArrayList<>();
    private final List<java.util.concurrent.ExecutorService> executors = new ArrayList<>();

    /** Opens {@code n} subscribed connections to {@code uri}, presenting {@code token}. */
    static Watchers connect(URI uri, String token, int n, Duration timeout) throws InterruptedException {
        Watchers all = new Watchers();
        for (int i = 0; i < Math.max(1, (n + CLIENTS_PER_SELECTOR - 1) / CLIENTS_PER_SELECTOR); i++) {
            // one thread per client hands its sockets their messages: a pool per message costs more than the reading
            java.util.concurrent.ExecutorService listener = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "aragora-benchmark-watcher");
                t.setDaemon(true);
                return t;
            });
            all.executors.add(listener);
            all.clients.add(HttpClient.newBuilder().connectTimeout(timeout).executor(listener).build());
        }
        CountDownLatch subscribed = new CountDownLatch(n);
        try {
            // a few at a time: a thousand handshakes at once time out on a busy machine
            for (int from = 0; from < n; from += BATCH) {
                List<CompletableFuture<WebSocket>> opening = new ArrayList<>();
                for (int i = from; i < Math.min(n, from + BATCH); i++) {
                    Watcher w = new Watcher(subscribed);
                    all.watchers.add(w);
                    opening.add(all.clients.get(i % all.clients.size()).newWebSocketBuilder()
                            .header("Authorization", "Bearer " + token).connectTimeout(timeout).buildAsync(uri, w));
                }
                for (CompletableFuture<WebSocket> f : opening) {
                    WebSocket socket = f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    all.sockets.add(socket);
                    socket.sendText("{\"type\":\"subscribe\",\"scope\":\"org\"}", true);
                }
            }
            if (!subscribed.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(subscribed.getCount() + " of " + n + " watchers were not subscribed within "
                        + timeout.toSeconds() + " s");
            }
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            all.close();
            String why = e.getCause() instanceof java.net.http.WebSocketHandshakeException h
                    ? "HTTP " + h.getResponse().statusCode() + " " + h.getResponse().body() : String.valueOf(e.getMessage());
            throw new IllegalStateException("a watcher could not connect to " + uri + ": " + why
                    + " (the stream runs with the http feature and accounts: --features core,sqlite,demo,http)");
        }
        return all;
    }

    /** Forgets what was received so far: the warm-up's events are not measured. */
    void reset() {
        watchers.forEach(Watcher::reset);
    }

    /** Every recorded lag from the event's timestamp, in microseconds, sorted. */
    long[] lagsFromTimestamp() {
        long[] all = new long[received()];
        int at = 0;
        for (Watcher w : watchers) {
            synchronized (w) {
                int n = Math.min(w.count, all.length - at);
                System.arraycopy(w.fromTimestamp, 0, all, at, n);
                at += n;
            }
        }
        Arrays.sort(all);
        return all;
    }

    /**
     * Every lag from the event's announcement, in microseconds, sorted: {@code announced} gives
     * the {@link System#nanoTime()} at which an event (by {@link #key}) was announced.
     */
    long[] lagsFromAnnouncement(java.util.Map<Long, Long> announced) {
        long[] all = new long[received()];
        int n = 0;
        for (Watcher w : watchers) {
            synchronized (w) {
                for (int i = 0; i < w.count && n < all.length; i++) {
                    Long at = announced.get(w.keys[i]);
                    if (at != null) {
                        all[n++] = Math.max(0, (w.arrivals[i] - at) / 1000);
                    }
                }
            }
        }
        long[] matched = Arrays.copyOf(all, n);
        Arrays.sort(matched);
        return matched;
    }

    /** One event of one debate, as a number. */
    static long key(String debateId, long seq) {
        return ((long) debateId.hashCode() << 32) ^ seq;
    }

    /** Waits until no watcher received anything for a while: the last events have arrived. */
    void settle(Duration quiet, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            int now = received();
            if (now == last) {
                return;
            }
            last = now;
            Thread.sleep(quiet.toMillis());
        }
    }

    private int received() {
        int total = 0;
        for (Watcher w : watchers) {
            total += w.count;
        }
        return total;
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
        executors.forEach(java.util.concurrent.ExecutorService::shutdownNow);
    }

    /** One client; the socket calls it for one message at a time. */
    private static final class Watcher implements WebSocket.Listener {

        private final CountDownLatch subscribed;
        private final StringBuilder partial = new StringBuilder();
        private long[] fromTimestamp = new long[256];
        private long[] keys = new long[256];
        private long[] arrivals = new long[256];
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
            long arrival = System.nanoTime();
            Instant at = Instant.now();
            partial.append(data);
            if (last) {
                received(partial.toString(), arrival, at.getEpochSecond() * 1_000_000 + at.getNano() / 1000);
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }

        private synchronized void received(String text, long arrival, long nowMicros) {
            int seqAt = text.indexOf(SEQ);
            int debateAt = text.indexOf(DEBATE);
            int timeAt = text.indexOf(TIMESTAMP);
            if (seqAt >= 0 && debateAt >= 0 && timeAt >= 0) {
                try {
                    int seqEnd = seqAt + SEQ.length();
                    while (seqEnd < text.length() && Character.isDigit(text.charAt(seqEnd))) {
                        seqEnd++;
                    }
                    long seq = Long.parseLong(text, seqAt + SEQ.length(), seqEnd, 10);
                    int debateStart = debateAt + DEBATE.length();
                    String debate = text.substring(debateStart, text.indexOf('"', debateStart));
                    int timeStart = timeAt + TIMESTAMP.length();
                    Instant stamped = Instant.parse(text.substring(timeStart, text.indexOf('"', timeStart)));
                    record(key(debate, seq), arrival, nowMicros - (stamped.getEpochSecond() * 1_000_000 + stamped.getNano() / 1000));
                } catch (NumberFormatException | DateTimeParseException e) {
                    // not an event after all
                }
            } else if (!counted && text.contains("\"type\":\"subscribed\"")) {
                counted = true;
                subscribed.countDown();
            }
        }

        private void record(long key, long arrival, long micros) {
            if (count == keys.length) {
                keys = Arrays.copyOf(keys, count * 2);
                arrivals = Arrays.copyOf(arrivals, count * 2);
                fromTimestamp = Arrays.copyOf(fromTimestamp, count * 2);
            }
            keys[count] = key;
            arrivals[count] = arrival;
            fromTimestamp[count] = Math.max(0, micros);
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
