package ai.aragora.stream;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.OutgoingFrames;

import ai.aragora.api.auth.AuthPrincipal;

/**
 * One client with its own writer. {@link #offer} only queues the message and wakes the writer
 * on the writers' pool, so whoever produces messages (the fan-out, a heartbeat) never waits for
 * a socket. At most {@code capacity} messages may wait, counting those the socket has not yet
 * taken: a client that falls that far behind is dropped with a reason instead of slowing anyone.
 */
final class StreamConnection {

    private final String id;
    private final AuthPrincipal principal;
    private final Session session;
    private final int capacity;
    private final int maxSubscriptions;
    private final TokenBucket bucket;
    private final Executor writers;
    private final Consumer<StreamConnection> onClose;
    private final Set<String> subscriptions = ConcurrentHashMap.newKeySet();
    /** Jetty's frames of the session: lets a burst of messages go out in one write. */
    private final OutgoingFrames frames;
    private final Queue<ByteBuffer> queue = new ConcurrentLinkedQueue<>();
    /** Queued plus handed to the socket and not yet written. */
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Callback written = Callback.from(this::sent, this::failed);
    private final org.eclipse.jetty.util.Callback framed = org.eclipse.jetty.util.Callback.from(this::sent, this::failed);
    private volatile boolean closed;
    private volatile boolean tooSlow;
    private int violations;

    StreamConnection(String id, AuthPrincipal principal, Session session, int capacity, int maxSubscriptions, TokenBucket bucket,
            Executor writers, Consumer<StreamConnection> onClose) {
        this.id = id;
        this.principal = principal;
        this.session = session;
        this.capacity = capacity;
        this.maxSubscriptions = maxSubscriptions;
        this.bucket = bucket;
        this.writers = writers;
        this.onClose = onClose;
        this.frames = session instanceof WebSocketSession jetty ? jetty.getCoreSession() : null;
    }

    String id() {
        return id;
    }

    /** Whether the connection was closed because its send buffer filled up. */
    boolean droppedForSlowness() {
        return tooSlow;
    }

    /** Who connected: fixed at the upgrade request, anonymous without credentials. */
    AuthPrincipal principal() {
        return principal;
    }

    Set<String> subscriptions() {
        return subscriptions;
    }

    /**
     * Takes a subscription slot for the debate: false when every slot is taken by others. Ids of
     * debates that do not exist (yet) take slots too, or a client could follow any number of them.
     */
    synchronized boolean subscribe(String debateId) {
        if (subscriptions.size() >= maxSubscriptions && !subscriptions.contains(debateId)) {
            return false;
        }
        subscriptions.add(debateId);
        return true;
    }

    int maxSubscriptions() {
        return maxSubscriptions;
    }

    /** Queues a message; false when the client is gone or was just dropped for being too slow. */
    boolean offer(String text) {
        return offer(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Queues a message encoded once for many clients and wakes the writer: {@code utf8} itself is never read or moved. */
    boolean offer(ByteBuffer utf8) {
        if (!queue(utf8)) {
            return false;
        }
        wake();
        return true;
    }

    /**
     * Queues a message as {@link #offer} does, without waking the writer: whoever queues so must
     * {@link #wake} it later. False when the client is gone or was just dropped for being too slow.
     */
    boolean queue(ByteBuffer utf8) {
        if (closed) {
            return false;
        }
        if (waiting.incrementAndGet() > capacity) {
            waiting.decrementAndGet();
            tooSlow = true;
            close(StatusCode.POLICY_VIOLATION, "slow consumer: more than " + capacity + " messages waiting");
            return false;
        }
        queue.add(utf8.duplicate());
        return true;
    }

    /** Has the writer hand what is queued to the socket, unless it is at it already. */
    void wake() {
        if (scheduled.compareAndSet(false, true)) {
            try {
                writers.execute(this::drain);
            } catch (RejectedExecutionException e) {
                // the stream is shutting down and closes every connection
                scheduled.set(false);
            }
        }
    }

    /** Counts a message from the client against its rate; persistent abuse closes the connection. */
    synchronized boolean admit(long nowNanos) {
        if (bucket.tryTake(nowNanos)) {
            return true;
        }
        if (++violations > capacity) {
            close(StatusCode.POLICY_VIOLATION, "rate limit exceeded repeatedly");
        }
        return false;
    }

    boolean isClosed() {
        return closed;
    }

    int pending() {
        return waiting.get();
    }

    void close(int status, String reason) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        queue.clear();
        session.close(status, reason, Callback.NOOP);
        onClose.accept(this);
    }

    void markClosed() {
        closed = true;
        queue.clear();
    }

    /**
     * Hands everything queued to the socket in order, as one write when several wait: every
     * frame but the last is batched. Runs on one writer at a time per connection.
     */
    private void drain() {
        while (true) {
            ByteBuffer next;
            while (!closed && (next = queue.poll()) != null) {
                if (frames != null) {
                    frames.sendFrame(new Frame(OpCode.TEXT, next), framed, !queue.isEmpty());
                } else {
                    session.sendText(StandardCharsets.UTF_8.decode(next).toString(), written);
                }
            }
            scheduled.set(false);
            // a message queued after the last poll but before the flag was cleared has no writer yet
            if (closed || queue.isEmpty() || !scheduled.compareAndSet(false, true)) {
                return;
            }
        }
    }

    private void sent() {
        waiting.decrementAndGet();
    }

    private void failed(Throwable cause) {
        waiting.decrementAndGet();
        markClosed();
        onClose.accept(this);
    }
}
