package ai.aragora.debate.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * WebSocket clients of this process's own event stream for {@code aragora benchmark --watchers}:
 * each subscribes to every debate of the org before the debates start, and records for every
 * event it receives the lag from the event's timestamp to its arrival. Real sockets over
 * loopback, so the measurement includes what the server spends writing to each client; the
 * clients themselves ({@link WatcherSocket}) cost as little as reading the bytes allows.
 */
final class Watchers implements AutoCloseable {

    /** Reading threads: one per core of this machine's two leaves the server the rest. */
    private static final int READERS = 2;

    private final List<WatcherSocket> watchers = new ArrayList<>();
    private final List<Reader> readers = new ArrayList<>();

    /** Between two upgrade requests while the server is still starting. */
    private static final long NOT_SERVING_RETRY_MILLIS = 100;

    /**
     * Opens {@code n} subscribed connections to {@code uri}, presenting {@code token}, within
     * {@code timeout}: a server that is still starting is asked again until then.
     */
    static Watchers connect(URI uri, String token, int n, Duration timeout) throws InterruptedException {
        Watchers all = new Watchers();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            for (int i = 0; i < READERS; i++) {
                Reader reader = new Reader(Selector.open());
                all.readers.add(reader);
                reader.thread.start();
            }
            for (int i = 0; i < n; i++) {
                WatcherSocket socket = open(uri, token, timeout, deadline);
                all.watchers.add(socket);
                all.readers.get(i % READERS).add(socket);
            }
            int waiting;
            while ((waiting = all.unsubscribed()) > 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(waiting + " of " + n + " watchers were not subscribed within "
                            + timeout.toSeconds() + " s");
                }
                Thread.sleep(10);
            }
        } catch (IOException e) {
            all.close();
            throw new IllegalStateException("a watcher could not connect to " + uri + ": " + e.getMessage()
                    + " (the stream runs with the http feature and accounts: --features core,sqlite,demo,http)");
        } catch (RuntimeException | InterruptedException e) {
            all.close();
            throw e;
        }
        return all;
    }

    private static WatcherSocket open(URI uri, String token, Duration timeout, long deadline) throws IOException, InterruptedException {
        while (true) {
            try {
                return WatcherSocket.open(uri, token, timeout);
            } catch (WatcherSocket.NotServing e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(NOT_SERVING_RETRY_MILLIS);
            }
        }
    }

    /** Forgets what was received so far: the warm-up's events are not measured. */
    void reset() {
        watchers.forEach(WatcherSocket::reset);
    }

    /** Every recorded lag from the event's timestamp, in microseconds, sorted. */
    long[] lagsFromTimestamp() {
        long[] all = new long[received()];
        int at = 0;
        for (WatcherSocket w : watchers) {
            at += w.copyLags(all, at);
        }
        long[] copied = Arrays.copyOf(all, at);
        Arrays.sort(copied);
        return copied;
    }

    /**
     * Every lag from the event's announcement, in microseconds, sorted: {@code announced} gives
     * the {@link System#nanoTime()} at which an event (by {@link #key}) was announced.
     */
    long[] lagsFromAnnouncement(Map<Long, Long> announced) {
        long[] all = new long[received()];
        int n = 0;
        for (WatcherSocket w : watchers) {
            long[][] arrivals = w.arrivals();
            for (int i = 0; i < arrivals[0].length && n < all.length; i++) {
                Long at = announced.get(arrivals[0][i]);
                if (at != null) {
                    all[n++] = Math.max(0, (arrivals[1][i] - at) / 1000);
                }
            }
        }
        long[] matched = Arrays.copyOf(all, n);
        Arrays.sort(matched);
        return matched;
    }

    /** One event of one debate, as a number. */
    static long key(String debateId, long seq) {
        return key(debateId.hashCode(), seq);
    }

    /** One event of one debate, from the {@link String#hashCode()} of the debate's id. */
    static long key(int debateIdHash, long seq) {
        return ((long) debateIdHash << 32) ^ seq;
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
        for (WatcherSocket w : watchers) {
            total += w.count();
        }
        return total;
    }

    private int unsubscribed() {
        int waiting = 0;
        for (WatcherSocket w : watchers) {
            if (!w.subscribed()) {
                if (w.closed()) {
                    throw new IllegalStateException("the stream closed a watcher's connection before it was subscribed");
                }
                waiting++;
            }
        }
        return waiting;
    }

    /** The fewest and the most events one watcher received. */
    int[] eventsPerWatcher() {
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (WatcherSocket w : watchers) {
            min = Math.min(min, w.count());
            max = Math.max(max, w.count());
        }
        return new int[] {watchers.isEmpty() ? 0 : min, max};
    }

    /** Watchers the server closed, for instance as too slow. */
    int closed() {
        int closed = 0;
        for (WatcherSocket w : watchers) {
            closed += w.closed() ? 1 : 0;
        }
        return closed;
    }

    @Override
    public void close() {
        readers.forEach(Reader::close);
        for (WatcherSocket w : watchers) {
            try {
                w.channel().close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    /** One thread reading its share of the sockets as they become readable. */
    private static final class Reader {

        private final Selector selector;
        private final Queue<WatcherSocket> added = new ConcurrentLinkedQueue<>();
        private final Thread thread;

        Reader(Selector selector) {
            this.selector = selector;
            this.thread = new Thread(this::run, "aragora-benchmark-watcher");
            thread.setDaemon(true);
        }

        void add(WatcherSocket socket) throws IOException {
            socket.channel().configureBlocking(false);
            added.add(socket);
            selector.wakeup();
        }

        private void run() {
            try {
                while (selector.isOpen()) {
                    selector.select();
                    long arrival = System.nanoTime();
                    Instant now = Instant.now();
                    long nowMicros = now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
                    for (WatcherSocket socket; (socket = added.poll()) != null; ) {
                        // what came with the upgrade's answer waits in the socket's buffer already
                        SelectionKey key = socket.channel().register(selector, SelectionKey.OP_READ, socket);
                        read(key, arrival, nowMicros);
                    }
                    for (SelectionKey key : selector.selectedKeys()) {
                        read(key, arrival, nowMicros);
                    }
                    selector.selectedKeys().clear();
                }
            } catch (ClosedSelectorException e) {
                // closed by the benchmark
            } catch (IOException e) {
                if (selector.isOpen()) {
                    throw new UncheckedIOException(e);
                }
            }
        }

        private static void read(SelectionKey key, long arrival, long nowMicros) {
            if (key.isValid() && !((WatcherSocket) key.attachment()).read(arrival, nowMicros)) {
                key.cancel();
            }
        }

        void close() {
            try {
                selector.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
