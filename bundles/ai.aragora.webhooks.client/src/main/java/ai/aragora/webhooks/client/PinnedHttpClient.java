package ai.aragora.webhooks.client;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import ai.aragora.api.webhook.OutboundHttp;

/**
 * POSTs to a URL at addresses checked beforehand. The connection goes to one of those addresses;
 * the URL's host name is sent as {@code Host}, as the TLS server name (SNI) and is what the
 * server's certificate must name. Connections are kept per host name, port and address, so one
 * opened for a name and checked address serves only that name at that address. An attempt runs
 * on a pooled thread (attempts in flight are bounded by the caller's per-endpoint and total
 * limits: one pool serves every sink, each delivery still counted once) and is cut at its
 * deadline, connect and TLS handshake included. Redirects are answers.
 */
@Component(service = OutboundHttp.class, configurationPid = PinnedHttpClient.PID)
@Designate(ocd = PinnedHttpClient.Config.class)
public final class PinnedHttpClient implements OutboundHttp, AutoCloseable {

    static final String PID = "ai.aragora.webhooks.client";

    @ObjectClassDefinition(name = "Aragora webhook client")
    @interface Config {
        @AttributeDefinition(description = "Seconds to open a connection")
        int connect_timeout_seconds() default 10;
    }

    private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(20);
    private static final int IDLE_PER_ROUTE = 32;

    private record Route(String scheme, String host, int port, InetAddress address) {
    }

    private static final class Connection {
        final Socket socket;
        final InputStream in;
        final OutputStream out;
        long idleSince;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream(), 8192);
            this.out = new BufferedOutputStream(socket.getOutputStream(), 8192);
        }

        void closeQuietly() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }

    private final Supplier<SSLContext> tls;
    private final Duration connectTimeout;
    private final Map<Route, Deque<Connection>> idle = new ConcurrentHashMap<>();
    private final ExecutorService attempts;
    private final ScheduledThreadPoolExecutor deadlines;

    /** The JDK's default TLS context is made on the first https delivery: it loads the trust store (~0.2 s at start). */
    @Activate
    public PinnedHttpClient(Config config) {
        this(PinnedHttpClient::defaultTls, Duration.ofSeconds(config.connect_timeout_seconds()));
    }

    /** @param tls the TLS context (its trust decides which certificates pass) */
    public PinnedHttpClient(SSLContext tls, Duration connectTimeout) {
        this(() -> tls, connectTimeout);
    }

    private PinnedHttpClient(Supplier<SSLContext> tls, Duration connectTimeout) {
        this.tls = tls;
        this.connectTimeout = connectTimeout;
        AtomicInteger n = new AtomicInteger();
        this.attempts = Executors.newCachedThreadPool(r -> daemon(r, "aragora-webhook-http-" + n.incrementAndGet()));
        this.deadlines = new ScheduledThreadPoolExecutor(1, r -> daemon(r, "aragora-webhook-http-deadlines"));
        // Almost every deadline is cancelled by its answer: gone at once, not kept until it would have run.
        deadlines.setRemoveOnCancelPolicy(true);
        // Connections a server closed while idle would otherwise stay open on our side until reused.
        long every = IDLE_NANOS / 2;
        deadlines.scheduleWithFixedDelay(this::closeExpired, every, every, TimeUnit.NANOSECONDS);
    }

    private static SSLContext defaultTls() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no default TLS context", e);
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public CompletionStage<Answer> post(URI url, List<InetAddress> addresses, List<Map.Entry<String, String>> headers,
            byte[] body, Duration timeout, int cap) {
        if (addresses.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("no checked address to send to"));
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("not an http(s) URL"));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        return CompletableFuture.supplyAsync(() -> {
            try {
                return exchange(scheme, url, addresses, headers, body, deadline, cap);
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, attempts);
    }

    private Answer exchange(String scheme, URI url, List<InetAddress> addresses, List<Map.Entry<String, String>> headers,
            byte[] body, long deadline, int cap) throws IOException {
        String host = bare(url.getHost());
        int port = url.getPort() != -1 ? url.getPort() : scheme.equals("https") ? 443 : 80;
        for (InetAddress address : addresses) {
            Route route = new Route(scheme, host.toLowerCase(Locale.ROOT), port, address);
            Connection kept = takeIdle(route);
            if (kept != null) {
                try {
                    return onto(route, kept, url, headers, body, deadline, cap);
                } catch (Http11.NoAnswer | java.net.SocketException stale) {
                    // The server had closed the idle connection: a new one carries the request.
                }
            }
        }
        IOException last = null;
        for (InetAddress address : addresses) {
            Route route = new Route(scheme, host.toLowerCase(Locale.ROOT), port, address);
            Connection fresh;
            try {
                fresh = open(route, host, deadline);
            } catch (HttpTimeoutException e) {
                throw e;
            } catch (IOException e) {
                last = e;
                continue;
            }
            return onto(route, fresh, url, headers, body, deadline, cap);
        }
        throw last;
    }

    private Answer onto(Route route, Connection c, URI url, List<Map.Entry<String, String>> headers, byte[] body,
            long deadline, int cap) throws IOException {
        ScheduledFuture<?> cut = cutAt(c, deadline);
        boolean reuse = false;
        try {
            Http11.write(c.out, url, headers, body);
            Http11.Read read = Http11.read(c.in, cap);
            reuse = read.reusable();
            return read.answer();
        } catch (IOException e) {
            throw expired(deadline) ? timedOut() : e;
        } finally {
            if (cut.cancel(false) && reuse) {
                giveBack(route, c);
            } else {
                c.closeQuietly();
            }
        }
    }

    private Connection open(Route route, String host, long deadline) throws IOException {
        Socket plain = new Socket();
        ScheduledFuture<?> cut = cutAt(plain, deadline);
        try {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                throw timedOut();
            }
            plain.setTcpNoDelay(true);
            plain.connect(new InetSocketAddress(route.address(), route.port()), (int) Math.min(left, connectTimeout.toMillis()));
            if (!route.scheme().equals("https")) {
                return new Connection(plain);
            }
            // Layered on the socket to the checked address, under the host name: SNI and the
            // certificate check are the name's.
            SSLSocket secure = (SSLSocket) tls.get().getSocketFactory().createSocket(plain, host, route.port(), true);
            SSLParameters params = secure.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            if (!literal(host)) {
                params.setServerNames(List.of(new SNIHostName(host)));
            }
            secure.setSSLParameters(params);
            secure.startHandshake();
            return new Connection(secure);
        } catch (IOException e) {
            plain.close();
            throw expired(deadline) ? timedOut() : e;
        } catch (RuntimeException e) {
            plain.close();
            throw e;
        } finally {
            cut.cancel(false);
        }
    }

    /** Closes the socket at the deadline: a blocked connect, handshake or read then ends. */
    private ScheduledFuture<?> cutAt(Connection c, long deadline) {
        return cutAt(c.socket, deadline);
    }

    private ScheduledFuture<?> cutAt(Socket socket, long deadline) {
        return deadlines.schedule(() -> {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closed either way
            }
        }, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    private Connection takeIdle(Route route) {
        Deque<Connection> q = idle.get(route);
        if (q == null) {
            return null;
        }
        while (true) {
            Connection c;
            synchronized (q) {
                c = q.pollLast();
            }
            if (c == null) {
                return null;
            }
            if (System.nanoTime() - c.idleSince < IDLE_NANOS && !c.socket.isClosed()) {
                return c;
            }
            c.closeQuietly();
        }
    }

    private void giveBack(Route route, Connection c) {
        c.idleSince = System.nanoTime();
        Deque<Connection> q = idle.computeIfAbsent(route, r -> new ArrayDeque<>());
        synchronized (q) {
            if (q.size() < IDLE_PER_ROUTE) {
                q.addLast(c);
                return;
            }
        }
        c.closeQuietly();
    }

    private void closeExpired() {
        long now = System.nanoTime();
        // Empty queues stay: one per route ever used, and removing one could race a connection given back to it.
        idle.forEach((route, q) -> {
            synchronized (q) {
                q.removeIf(c -> {
                    boolean old = now - c.idleSince >= IDLE_NANOS;
                    if (old) {
                        c.closeQuietly();
                    }
                    return old;
                });
            }
        });
    }

    private static boolean expired(long deadline) {
        return System.nanoTime() - deadline >= 0;
    }

    private static HttpTimeoutException timedOut() {
        return new HttpTimeoutException("request timed out");
    }

    private static String bare(String host) {
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    private static boolean literal(String host) {
        return host.contains(":") || host.matches("[0-9.]+");
    }

    /** Closes the kept connections and stops the threads. */
    @Deactivate
    @Override
    public void close() {
        attempts.shutdownNow();
        deadlines.shutdownNow();
        idle.values().forEach(q -> {
            synchronized (q) {
                q.forEach(Connection::closeQuietly);
                q.clear();
            }
        });
    }
}
