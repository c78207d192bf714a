package ai.aragora.debate.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One watcher of {@code aragora benchmark --watchers}: a WebSocket client (RFC 6455) reduced to
 * what the measurement needs. It reads frames straight from its socket and finds an event's
 * debate, {@code seq} and timestamp in the bytes, without decoding text or parsing JSON: the
 * JDK's client spent twice what the server spends per message, so on two cores the benchmark
 * measured mostly itself. Reading happens on one thread of {@link Watchers} at a time.
 */
final class WatcherSocket {

    private static final byte[] SEQ = bytes("\"seq\":");
    private static final byte[] DEBATE = bytes("\"loop_id\":\"");
    private static final byte[] TIMESTAMP = bytes("\"timestamp\":\"");
    private static final byte[] SUBSCRIBED = bytes("\"type\":\"subscribed\"");
    private static final int TEXT = 0x1;
    private static final int CLOSE = 0x8;
    private static final int PING = 0x9;

    private final SocketChannel channel;
    private ByteBuffer in = ByteBuffer.allocate(64 * 1024);
    private byte[] fragments = new byte[0];
    private int fragmented;
    private long[] fromTimestamp = new long[256];
    private long[] keys = new long[256];
    private long[] arrivals = new long[256];
    private volatile int count;
    private volatile boolean closed;
    private volatile boolean subscribed;
    private int cachedDate = -1;
    private long cachedEpochDay;

    private WatcherSocket(SocketChannel channel) {
        this.channel = channel;
    }

    /** Connects, upgrades and subscribes to the org's debates; the channel is left blocking. */
    static WatcherSocket open(URI uri, String token, Duration timeout) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            channel.socket().connect(new InetSocketAddress(uri.getHost(), uri.getPort()), (int) timeout.toMillis());
            channel.socket().setSoTimeout((int) timeout.toMillis());
            channel.socket().setTcpNoDelay(true);
            byte[] nonce = new byte[16];
            ThreadLocalRandom.current().nextBytes(nonce);
            String request = "GET " + (uri.getRawPath().isEmpty() ? "/" : uri.getRawPath()) + " HTTP/1.1\r\n"
                    + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\nSec-WebSocket-Version: 13\r\n"
                    + "Authorization: Bearer " + token + "\r\n\r\n";
            writeFully(channel, ByteBuffer.wrap(bytes(request)));
            WatcherSocket socket = new WatcherSocket(channel);
            socket.readHandshake();
            socket.send(TEXT, bytes("{\"type\":\"subscribe\",\"scope\":\"org\"}"));
            return socket;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The server answered 503: it is still starting (or already stopping), not refusing this client. */
    static final class NotServing extends IOException {

        private static final long serialVersionUID = 1L;

        NotServing(String status) {
            super("the stream is not serving: " + status);
        }
    }

    SocketChannel channel() {
        return channel;
    }

    boolean subscribed() {
        return subscribed;
    }

    boolean closed() {
        return closed;
    }

    int count() {
        return count;
    }

    synchronized void reset() {
        count = 0;
    }

    /** Copies the lags from the events' timestamps, in microseconds, into {@code into} from {@code at}. */
    synchronized int copyLags(long[] into, int at) {
        int n = Math.min(count, into.length - at);
        System.arraycopy(fromTimestamp, 0, into, at, n);
        return n;
    }

    /** Arrival ({@link System#nanoTime()}) and key of each event received, for matching with announcements. */
    synchronized long[][] arrivals() {
        return new long[][] {Arrays.copyOf(keys, count), Arrays.copyOf(arrivals, count)};
    }

    /**
     * Reads what the socket has (non-blocking) and records every complete message; false once
     * the connection is over. Everything read at once arrived at the same moment.
     */
    boolean read(long arrivalNanos, long nowMicros) {
        try {
            if (channel.read(in) < 0) {
                closed = true;
                return false;
            }
            in.flip();
            while (frame(arrivalNanos, nowMicros)) {
                // one complete frame handled per turn
            }
            in.compact();
        } catch (IOException e) {
            closed = true;
        }
        return !closed;
    }

    private void readHandshake() throws IOException {
        while (true) {
            // the socket's own stream: unlike the channel, it honours the read timeout
            int n = channel.socket().getInputStream().read(in.array(), in.position(), in.remaining());
            if (n < 0) {
                throw new IOException("the stream closed the connection during the upgrade");
            }
            in.position(in.position() + n);
            int end = indexOf(in.array(), 0, in.position(), bytes("\r\n\r\n"));
            if (end >= 0) {
                String head = new String(in.array(), 0, end, StandardCharsets.ISO_8859_1);
                if (!head.startsWith("HTTP/1.1 101")) {
                    String status = head.lines().findFirst().orElse(head);
                    throw head.startsWith("HTTP/1.1 503") ? new NotServing(status) : new IOException("the stream refused the upgrade: " + status);
                }
                in.flip();
                in.position(end + 4);
                in.compact();
                return;
            }
            if (!in.hasRemaining()) {
                throw new IOException("the stream's upgrade answer is too long");
            }
        }
    }

    /** Handles one frame if the buffer holds all of it. */
    private boolean frame(long arrivalNanos, long nowMicros) throws IOException {
        int start = in.position();
        int available = in.remaining();
        if (available < 2) {
            return false;
        }
        byte[] a = in.array();
        int b0 = a[start] & 0xff;
        int b1 = a[start + 1] & 0xff;
        int header = 2;
        long length = b1 & 0x7f;
        if (length == 126) {
            header = 4;
            if (available < header) {
                return false;
            }
            length = ((a[start + 2] & 0xff) << 8) | (a[start + 3] & 0xff);
        } else if (length == 127) {
            header = 10;
            if (available < header) {
                return false;
            }
            length = ByteBuffer.wrap(a, start + 2, 8).getLong();
        }
        if (length > Integer.MAX_VALUE - header) {
            throw new IOException("a frame of " + length + " bytes");
        }
        if (available < header + length) {
            if (header + length > in.capacity()) {
                ByteBuffer bigger = ByteBuffer.allocate((int) (header + length) * 2);
                bigger.put(in);
                bigger.flip();
                in = bigger;
            }
            return false;
        }
        int payload = start + header;
        int size = (int) length;
        in.position(payload + size);
        int opcode = b0 & 0x0f;
        boolean fin = (b0 & 0x80) != 0;
        if (opcode == CLOSE) {
            closed = true;
            channel.close();
            return false;
        }
        if (opcode == PING) {
            send(0xA, Arrays.copyOfRange(a, payload, payload + size));
        } else if (opcode == TEXT || opcode == 0x0) {
            if (fin && fragmented == 0) {
                message(a, payload, payload + size, arrivalNanos, nowMicros);
            } else {
                if (fragmented + size > fragments.length) {
                    fragments = Arrays.copyOf(fragments, Math.max(fragments.length * 2, fragmented + size));
                }
                System.arraycopy(a, payload, fragments, fragmented, size);
                fragmented += size;
                if (fin) {
                    message(fragments, 0, fragmented, arrivalNanos, nowMicros);
                    fragmented = 0;
                }
            }
        }
        return true;
    }

    /** An event's own keys come after its data, so they are looked for from the end. */
    private void message(byte[] text, int from, int to, long arrivalNanos, long nowMicros) {
        int seqAt = lastIndexOf(text, from, to, SEQ);
        int debateAt = lastIndexOf(text, from, to, DEBATE);
        int timeAt = lastIndexOf(text, from, to, TIMESTAMP);
        if (seqAt >= 0 && debateAt >= 0 && timeAt >= 0) {
            long seq = 0;
            int i = seqAt + SEQ.length;
            while (i < to && text[i] >= '0' && text[i] <= '9') {
                seq = seq * 10 + (text[i++] - '0');
            }
            int debateStart = debateAt + DEBATE.length;
            int debateEnd = debateStart;
            while (debateEnd < to && text[debateEnd] != '"') {
                debateEnd++;
            }
            long stamped = epochMicros(text, timeAt + TIMESTAMP.length, to);
            if (stamped >= 0) {
                record(Watchers.key(hash(text, debateStart, debateEnd), seq), arrivalNanos, nowMicros - stamped);
            }
        } else if (!subscribed && indexOf(text, from, to, SUBSCRIBED) >= 0) {
            subscribed = true;
        }
    }

    private synchronized void record(long key, long arrival, long micros) {
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

    /**
     * An ISO-8601 instant as {@link java.time.Instant#toString()} writes it
     * ({@code 2026-12-06T13:01:05.379Z}, 0 to 9 fraction digits) in microseconds; -1 if it is not one.
     */
    private long epochMicros(byte[] t, int at, int to) {
        if (at + 20 > to || t[at + 4] != '-' || t[at + 7] != '-' || t[at + 10] != 'T' || t[at + 13] != ':' || t[at + 16] != ':') {
            return -1;
        }
        int date = digits(t, at, 4) * 10_000 + digits(t, at + 5, 2) * 100 + digits(t, at + 8, 2);
        if (date != cachedDate) {
            cachedEpochDay = LocalDate.of(date / 10_000, date / 100 % 100, date % 100).toEpochDay();
            cachedDate = date;
        }
        long seconds = cachedEpochDay * 86_400 + digits(t, at + 11, 2) * 3_600L + digits(t, at + 14, 2) * 60L + digits(t, at + 17, 2);
        long micros = 0;
        int i = at + 19;
        if (i < to && t[i] == '.') {
            int place = 100_000;
            for (i++; i < to && t[i] >= '0' && t[i] <= '9'; i++) {
                micros += (t[i] - '0') * place;
                place /= 10;
            }
        }
        return seconds * 1_000_000 + micros;
    }

    private static int digits(byte[] t, int at, int n) {
        int value = 0;
        for (int i = at; i < at + n; i++) {
            value = value * 10 + (t[i] - '0');
        }
        return value;
    }

    /** {@link String#hashCode()} of the id, from its bytes: ids are ASCII, anything else is decoded. */
    private static int hash(byte[] text, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            if (text[i] < 0) {
                return new String(text, from, to - from, StandardCharsets.UTF_8).hashCode();
            }
            h = 31 * h + text[i];
        }
        return h;
    }

    /** A masked frame, as every client frame must be. */
    private synchronized void send(int opcode, byte[] payload) throws IOException {
        ByteBuffer frame = ByteBuffer.allocate(payload.length + 14);
        frame.put((byte) (0x80 | opcode));
        if (payload.length < 126) {
            frame.put((byte) (0x80 | payload.length));
        } else {
            frame.put((byte) (0x80 | 126)).putShort((short) payload.length);
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        frame.put(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.put((byte) (payload[i] ^ mask[i & 3]));
        }
        frame.flip();
        writeFully(channel, frame);
    }

    private static void writeFully(SocketChannel channel, ByteBuffer data) throws IOException {
        while (data.hasRemaining()) {
            if (channel.write(data) == 0) {
                Thread.onSpinWait();
            }
        }
    }

    private static int lastIndexOf(byte[] hay, int from, int to, byte[] needle) {
        outer:
        for (int i = to - needle.length; i >= from; i--) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int indexOf(byte[] hay, int from, int to, byte[] needle) {
        outer:
        for (int i = from; i <= to - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
